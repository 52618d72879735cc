// A fenced code block: plain text at once, highlighted when highlight.js has loaded; with a copy button.
import { memo, useEffect, useState, type ReactNode } from 'react';
import { highlightToTree, loadHighlighter, type HighlightNode } from './highlight.ts';

function render(nodes: HighlightNode[], prefix = ''): ReactNode[] {
  return nodes.map((n, i) =>
    typeof n === 'string' ? (
      n
    ) : (
      <span key={`${prefix}${i}`} className={n.className || undefined}>
        {render(n.children, `${prefix}${i}.`)}
      </span>
    ),
  );
}

export const CodeBlock = memo(function CodeBlock({ code, language, streaming }: { code: string; language?: string | undefined; streaming: boolean }) {
  const [tree, setTree] = useState<{ code: string; nodes: HighlightNode[] } | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (streaming) return;
    let live = true;
    void loadHighlighter().then((hljs) => {
      if (!live) return;
      const nodes = highlightToTree(hljs, code, language);
      if (nodes) setTree({ code, nodes });
    });
    return () => {
      live = false;
    };
  }, [code, language, streaming]);

  const copy = () => {
    void navigator.clipboard?.writeText(code).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  };

  return (
    <div className="code-block">
      <div className="code-head">
        <span className="code-lang">{language ?? 'text'}</span>
        <button type="button" className="link-btn small" onClick={copy} aria-label="Copy code">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre className="hljs">
        <code>{tree && tree.code === code ? render(tree.nodes) : code}</code>
      </pre>
    </div>
  );
});

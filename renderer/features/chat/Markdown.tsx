// Model text as markdown: GFM tables and code, no raw HTML, links through the safe opener, no remote images.
import { memo, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { ExternalLink } from '../../ui/ExternalLink.tsx';
import { CodeBlock } from './CodeBlock.tsx';
import { settledBlocks, settledSplit } from './settledSplit.ts';
import { htmlAsText } from './htmlAsText.ts';
import { isPlainProse } from './plainProse.ts';

function textOf(children: ReactNode): string {
  if (typeof children === 'string') return children;
  if (Array.isArray(children)) return children.map(textOf).join('');
  return '';
}

function components(streaming: boolean): Components {
  return {
    a: ({ href, children }) => (href ? <ExternalLink href={href}>{children}</ExternalLink> : <span>{children}</span>),
    img: ({ src, alt }) => (
      <span className="image-placeholder" title="Images in replies are not loaded automatically.">
        [image{alt ? `: ${alt}` : ''}
        {typeof src === 'string' && src ? ` — ${src}` : ''}]
      </span>
    ),
    pre: ({ children }) => <>{children}</>,
    code: ({ className, children }) => {
      const match = /language-([\w+#.-]+)/.exec(className ?? '');
      const text = textOf(children);
      const block = match !== null || text.includes('\n');
      if (!block) return <code className="inline-code">{children}</code>;
      return <CodeBlock code={text.replace(/\n$/, '')} language={match?.[1]} streaming={streaming} />;
    },
    table: ({ children }) => (
      <div className="table-wrap">
        <table>{children}</table>
      </div>
    ),
  };
}

const streamingComponents = components(true);
const settledComponents = components(false);
const plugins = [remarkGfm, htmlAsText];

/** Keeps image URLs as text: only the placeholder shows them, nothing is fetched. */
const keepUrl = (url: string) => url;

const Chunk = memo(function Chunk({ text, streaming }: { text: string; streaming: boolean }) {
  // The paragraph growing under a stream, while it is plain words: the paragraph markdown would make of it.
  const plain = streaming ? text.trimEnd() : '';
  if (plain && isPlainProse(plain)) return <p>{plain}</p>;
  return (
    <ReactMarkdown remarkPlugins={plugins} skipHtml urlTransform={keepUrl} components={streaming ? streamingComponents : settledComponents}>
      {text}
    </ReactMarkdown>
  );
});

export const Markdown = memo(function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const cut = streaming ? settledSplit(text) : 0;
  return (
    <div className="markdown">
      {cut > 0 ? (
        <>
          {settledBlocks(text.slice(0, cut)).map((block, i) => (
            <Chunk key={i} text={block} streaming={false} />
          ))}
          <Chunk text={text.slice(cut)} streaming />
        </>
      ) : (
        <Chunk text={text} streaming={streaming} />
      )}
    </div>
  );
});

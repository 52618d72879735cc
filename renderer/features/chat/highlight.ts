// Syntax highlighting loaded on demand. highlight.js's HTML is parsed into a tree of spans and text,
// so nothing reaches the DOM as HTML: only class names from hljs and text nodes survive.
import type { HLJSApi } from 'highlight.js';

export type HighlightNode = string | { className: string; children: HighlightNode[] };

let loading: Promise<HLJSApi> | null = null;

export function loadHighlighter(): Promise<HLJSApi> {
  loading ??= import('highlight.js/lib/common').then((m) => m.default);
  return loading;
}

function toTree(node: Node): HighlightNode[] {
  const out: HighlightNode[] = [];
  node.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE) out.push(child.textContent ?? '');
    else if (child instanceof HTMLElement) {
      const className = [...child.classList].filter((c) => /^hljs-[\w-]+$/.test(c) || /^[\w-]+_$/.test(c)).join(' ');
      out.push({ className, children: toTree(child) });
    }
  });
  return out;
}

export function highlightToTree(hljs: HLJSApi, code: string, language: string | undefined): HighlightNode[] | null {
  const lang = language && hljs.getLanguage(language) ? language : undefined;
  if (!lang && code.length > 20_000) return null;
  const html = lang ? hljs.highlight(code, { language: lang, ignoreIllegals: true }).value : hljs.highlightAuto(code).value;
  const doc = new DOMParser().parseFromString(`<pre>${html}</pre>`, 'text/html');
  const pre = doc.querySelector('pre');
  return pre ? toTree(pre) : null;
}

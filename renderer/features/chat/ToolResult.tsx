// A tool's result: text, images from base64 data only, resource links, embedded resources; all as text.
import type { ResultContentView, ToolResultView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';
import { ExternalLink } from '../../ui/ExternalLink.tsx';
import { checkLink } from '../../ui/linkOpener.ts';

const SAFE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp|avif)$/;

function UriText({ uri }: { uri: string }) {
  return checkLink(uri).ok ? <ExternalLink href={uri}>{uri}</ExternalLink> : <span className="mono">{uri}</span>;
}

function Content({ item }: { item: ResultContentView }) {
  switch (item.kind) {
    case 'text':
      return <pre className="result-text mono">{item.text}</pre>;
    case 'image':
      return SAFE_IMAGE.test(item.mimeType) ? (
        <img className="result-image" src={`data:${item.mimeType};base64,${item.data}`} alt="Image returned by the tool" />
      ) : (
        <p className="muted small">An image of type {item.mimeType} (not shown).</p>
      );
    case 'audio':
      return <p className="muted small">Audio ({item.mimeType}) — not played here.</p>;
    case 'resource-link':
      return (
        <div className="result-resource">
          <span className="chip">link</span> {item.name && <strong>{item.name} </strong>}
          <UriText uri={item.uri} />
          {item.description && <p className="muted small prewrap">{item.description}</p>}
        </div>
      );
    case 'resource':
      return (
        <div className="result-resource">
          <span className="chip">resource</span> <UriText uri={item.uri} />
          {item.mimeType && <span className="muted small"> · {item.mimeType}</span>}
          {item.text !== undefined && <pre className="result-text mono">{item.text}</pre>}
          {item.blobBytes !== undefined && <p className="muted small">{item.blobBytes.toLocaleString()} bytes of binary data</p>}
        </div>
      );
    default:
      return assertNever(item);
  }
}

export function ToolResult({ result }: { result: ToolResultView }) {
  return (
    <div className={`tool-result${result.isError ? ' is-error' : ''}`}>
      <div className="tool-label">{result.isError ? 'Error from the tool' : 'Result'}</div>
      {result.content.length === 0 && result.structuredContent === undefined && <p className="muted small">No content.</p>}
      {result.content.map((item, i) => (
        <Content key={i} item={item} />
      ))}
      {result.structuredContent !== undefined && (
        <details className="structured" open={result.content.length === 0}>
          <summary className="tool-label">Structured content (JSON)</summary>
          <pre className="result-text mono">{JSON.stringify(result.structuredContent, null, 2)}</pre>
        </details>
      )}
      {result.truncated && (
        <p className="muted small">
          Claude was sent the first {result.truncated.keptChars.toLocaleString()} of {result.truncated.originalChars.toLocaleString()} characters.
        </p>
      )}
    </div>
  );
}

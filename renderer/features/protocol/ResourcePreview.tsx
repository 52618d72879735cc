// What a resource holds: text as text, images from their data, other blobs by size. Nothing is fetched.
import type { ResourceContentView, ResourceReadView } from '../../../app/api/index.ts';
import { formatBytes } from '../../ui/format.ts';

const SAFE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp|avif)$/;

function Content({ item }: { item: ResourceContentView }) {
  if (item.kind === 'text') {
    return (
      <>
        <pre className="result-text mono resource-text">{item.text}</pre>
        {item.truncated && (
          <p className="muted small">
            Showing the first {item.truncated.keptChars.toLocaleString()} of {item.truncated.originalChars.toLocaleString()} characters.
          </p>
        )}
      </>
    );
  }
  if (item.data && item.mimeType && SAFE_IMAGE.test(item.mimeType)) {
    return <img className="result-image" src={`data:${item.mimeType};base64,${item.data}`} alt={`Image resource ${item.uri}`} />;
  }
  return (
    <p className="muted small">
      {formatBytes(item.bytes)} of binary data{item.mimeType ? ` (${item.mimeType})` : ''}.
    </p>
  );
}

export function ResourcePreview({ view }: { view: ResourceReadView }) {
  if (view.contents.length === 0) return <p className="muted small">This resource is empty.</p>;
  return (
    <div className="resource-preview">
      {view.contents.map((c, i) => (
        <div key={i} className="resource-part">
          {(view.contents.length > 1 || c.uri !== view.uri) && <p className="mono small muted">{c.uri}</p>}
          <Content item={c} />
        </div>
      ))}
    </div>
  );
}

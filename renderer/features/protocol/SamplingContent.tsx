// The content of one sampling message: text as text, images from their data only, audio as a note.
import type { SamplingContentView } from '../../../app/api/index.ts';
import { assertNever } from '../../../app/api/errors.ts';

const SAFE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp|avif)$/;

function Item({ item }: { item: SamplingContentView }) {
  switch (item.kind) {
    case 'text':
      return <pre className="result-text prewrap">{item.text}</pre>;
    case 'image':
      return SAFE_IMAGE.test(item.mimeType) && item.data ? (
        <img className="result-image" src={`data:${item.mimeType};base64,${item.data}`} alt="Image in the request" />
      ) : (
        <p className="muted small">An image of type {item.mimeType} (not shown).</p>
      );
    case 'audio':
      return <p className="muted small">Audio ({item.mimeType}): Claude cannot hear it; it is left out.</p>;
    default:
      return assertNever(item);
  }
}

export function SamplingContent({ content }: { content: SamplingContentView[] }) {
  return (
    <>
      {content.map((c, i) => (
        <Item key={i} item={c} />
      ))}
    </>
  );
}

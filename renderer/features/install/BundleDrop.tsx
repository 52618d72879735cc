// Settings → Install a bundle: pick a .mcpb file or drop it here; its review opens.
import { useRef, useState, type DragEvent } from 'react';
import { useActions } from '../../store/storeContext.tsx';
import { fileAsBase64, MAX_BUNDLE_BYTES } from './bundleFile.ts';

export function BundleDrop() {
  const { openBundle } = useActions();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const take = async (file: File | undefined) => {
    setError(null);
    if (!file) return;
    if (!file.name.toLowerCase().endsWith('.mcpb')) return setError(`${file.name} is not a .mcpb bundle.`);
    if (file.size > MAX_BUNDLE_BYTES)
      return setError(`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; bundles up to ${MAX_BUNDLE_BYTES / 1024 / 1024} MB can be opened here.`);
    setBusy(true);
    const out = await openBundle(file.name, await fileAsBase64(file));
    setBusy(false);
    if (out) setError(out.message);
    if (input.current) input.current.value = '';
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void take(e.dataTransfer.files[0]);
  };

  return (
    <section className="card" aria-labelledby="bundle-heading">
      <div className="card-head">
        <h2 id="bundle-heading">Install a bundle</h2>
      </div>
      <div
        className={`drop-zone${over ? ' drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <p className="small">
          Drop a <span className="mono">.mcpb</span> file here, or
        </p>
        <button type="button" className="btn" disabled={busy} onClick={() => input.current?.click()} aria-label="Choose a bundle file">
          {busy ? 'Opening…' : 'Choose a file…'}
        </button>
        <input ref={input} type="file" accept=".mcpb" hidden aria-label="Bundle file" onChange={(e) => void take(e.target.files?.[0])} />
      </div>
      {error && (
        <p className="inline-error small" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

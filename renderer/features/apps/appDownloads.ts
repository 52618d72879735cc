// What an app's `ui/download-file` asks to save, read into files the person can see before anything is
// saved: a name (the last segment of the resource's URI, cleaned), a type, the bytes and their size. An
// embedded resource carries its own bytes; a link to one of the server's resources is read through the host
// first. A link to a web page is not a file: it goes to the one link opener, which shows it in full.
// Anything else (an unsupported scheme, too many files or bytes, a resource that reads as nothing) refuses
// the whole request, with the reason for the person.

/** Most bytes one request may save. */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
/** Most files one request may save. */
export const MAX_DOWNLOAD_FILES = 20;

export interface DownloadFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

/** What the person is asked: the files to save, or why the host refused. */
export type DownloadAsk = { kind: 'files'; files: DownloadFile[] } | { kind: 'refused'; reason: string };
export type DownloadPlan = DownloadAsk | { kind: 'link'; url: string };

interface ResourceContents {
  uri: string;
  mimeType?: string | undefined;
  text?: string | undefined;
  blob?: string | undefined;
}
type Item = { type: 'resource'; resource: ResourceContents } | { type: 'resource_link'; uri: string; name?: string; mimeType?: string };

export async function planDownload(contents: readonly unknown[], read: (uri: string) => Promise<ResourceContents[]>): Promise<DownloadPlan> {
  if (contents.length === 0) return { kind: 'refused', reason: 'The app asked to save nothing.' };
  if (contents.length > MAX_DOWNLOAD_FILES)
    return { kind: 'refused', reason: `The app asked to save ${contents.length} files; at most ${MAX_DOWNLOAD_FILES} at once.` };
  const items = contents as Item[];
  const link = items.length === 1 && items[0]!.type === 'resource_link' ? items[0]! : undefined;
  if (link && /^https?:/i.test(link.uri)) return { kind: 'link', url: link.uri };
  const files: DownloadFile[] = [];
  let total = 0;
  for (const item of items) {
    const resources = item.type === 'resource' ? [item.resource] : item.type === 'resource_link' ? await read(item.uri) : undefined;
    if (!resources) return { kind: 'refused', reason: 'The app asked to save something that is not a resource.' };
    for (const resource of resources) {
      const bytes = bytesOf(resource);
      if (!bytes) return { kind: 'refused', reason: `${resource.uri} has no contents to save.` };
      total += bytes.byteLength;
      if (total > MAX_DOWNLOAD_BYTES) return { kind: 'refused', reason: `The files are larger than ${MAX_DOWNLOAD_BYTES / 1024 / 1024} MB.` };
      const name = item.type === 'resource_link' && item.name && resources.length === 1 ? item.name : resource.uri;
      files.push({ name: fileNameOf(name), mimeType: resource.mimeType ?? 'application/octet-stream', bytes });
    }
  }
  return { kind: 'files', files };
}

function bytesOf(resource: ResourceContents): Uint8Array<ArrayBuffer> | undefined {
  if (typeof resource.text === 'string') return new TextEncoder().encode(resource.text) as Uint8Array<ArrayBuffer>;
  if (typeof resource.blob !== 'string') return undefined;
  try {
    return Uint8Array.from(atob(resource.blob), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** The last path segment, without anything a file system or a person could be fooled by. */
export function fileNameOf(uriOrName: string): string {
  let last = uriOrName.split(/[?#]/)[0]!.split(/[/\\]/).filter(Boolean).at(-1) ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // Not percent-encoded: kept as it is.
  }
  const clean = last
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return clean || 'download';
}

/** "12 KB", for the ask. */
export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Hands each file to the browser's download (Electron: its save dialog). */
export function saveFiles(files: readonly DownloadFile[]): void {
  for (const file of files) {
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mimeType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

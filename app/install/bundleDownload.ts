// Fetches a registry's .mcpb package and checks it against the sha256 the registry published.
import { createHash } from 'node:crypto';

export class BundleDownloadError extends Error {}

const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

type Fetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export async function downloadBundle(url: string, sha256: string, fetchImpl: Fetch = fetch): Promise<Uint8Array> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BundleDownloadError(`The bundle's address is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new BundleDownloadError(`Bundles are downloaded over http(s) only, not ${parsed.protocol}.`);
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    const e = error as Error & { cause?: { code?: string } };
    throw new BundleDownloadError(
      `The bundle could not be downloaded from ${parsed.host} (${e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? e.message)}).`,
    );
  }
  if (!res.ok) throw new BundleDownloadError(`Downloading the bundle from ${parsed.host} failed with HTTP ${res.status}.`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES)
    throw new BundleDownloadError(`The bundle is ${(declared / 1024 / 1024).toFixed(0)} MB; at most ${MAX_BYTES / 1024 / 1024} MB are downloaded.`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new BundleDownloadError(`The bundle is larger than ${MAX_BYTES / 1024 / 1024} MB; it was not opened.`);
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256.toLowerCase()) {
    throw new BundleDownloadError(
      `The downloaded bundle is not the one the registry published (its sha256 is ${actual.slice(0, 12)}…, the registry says ${sha256.slice(0, 12)}…). It was not opened.`,
    );
  }
  return bytes;
}

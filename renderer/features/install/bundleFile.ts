// A picked or dropped file as base64, for `bundles.open`.

/** Largest bundle the page sends (the WebSocket carries 16 MB; base64 adds a third). */
export const MAX_BUNDLE_BYTES = 12 * 1024 * 1024;

export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

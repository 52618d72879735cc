// Follows `nextCursor` through a paginated MCP list, with a bound so a misbehaving server cannot loop forever.
export const MAX_PAGES = 50;

export async function listAllPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor?: string | undefined }>,
  /** Told why paging stopped early (a repeated cursor, or MAX_PAGES pages). */
  onCutShort?: (why: string) => void,
): Promise<T[]> {
  const all: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await fetchPage(cursor);
    all.push(...items);
    if (!nextCursor) return all;
    if (seen.has(nextCursor)) {
      onCutShort?.(`the server repeated the cursor ${JSON.stringify(nextCursor)}; stopped paging`);
      return all;
    }
    seen.add(nextCursor);
    cursor = nextCursor;
  }
  onCutShort?.(`stopped after ${MAX_PAGES} pages`);
  return all;
}

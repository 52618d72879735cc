// Canonical JSON (object keys sorted, undefined dropped) and its sha256: the basis of every stable hash here.
import { createHash } from 'node:crypto';

function canonical(value: unknown, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) throw new Error('Cannot hash a value that contains itself.');
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item, seen)));
    const record = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'function') continue;
      out[key] = canonical(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** The same JSON for the same data, whatever order its keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value, new WeakSet())) ?? 'null';
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of the canonical JSON of a value. */
export function canonicalHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

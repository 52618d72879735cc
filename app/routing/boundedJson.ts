// JSON.stringify that stops once the output passes a budget, so a huge value never becomes a huge string.

export interface BoundedJson {
  text: string;
  /** True when the value's JSON is longer than the budget; `text` is then its first `budget` characters. */
  cut: boolean;
}

class Full extends Error {}

export function boundedJson(value: unknown, budget: number, indent = 0): BoundedJson {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    if (length > budget) throw new Full();
  };
  const pad = (depth: number) => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '');
  const walk = (v: unknown, depth: number): void => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      v = (v as { toJSON: () => unknown }).toJSON();
    }
    if (Array.isArray(v)) {
      push('[');
      v.forEach((item, i) => {
        if (i > 0) push(',');
        push(pad(depth + 1));
        walk(item === undefined || typeof item === 'function' ? null : item, depth + 1);
      });
      push(v.length > 0 ? pad(depth) + ']' : ']');
      return;
    }
    if (v !== null && typeof v === 'object') {
      push('{');
      let first = true;
      for (const [k, item] of Object.entries(v)) {
        if (item === undefined || typeof item === 'function') continue;
        if (!first) push(',');
        first = false;
        push(pad(depth + 1) + JSON.stringify(k) + (indent > 0 ? ': ' : ':'));
        walk(item, depth + 1);
      }
      push(first ? '}' : pad(depth) + '}');
      return;
    }
    if (typeof v === 'string' && v.length > budget) {
      push(JSON.stringify(v.slice(0, budget + 1)));
      return;
    }
    push(JSON.stringify(v) ?? 'null');
  };
  try {
    walk(value, 0);
    return { text: parts.join(''), cut: false };
  } catch (err) {
    if (!(err instanceof Full)) throw err;
    return { text: parts.join('').slice(0, budget), cut: true };
  }
}

// The flat schema of a form-mode elicitation: its defaults (SEP-1034) and checking the person's answers
// against it (types, required, enums, lengths, ranges, item counts, and the formats email/uri/date/date-time).
type Json = Record<string, unknown>;
export type FieldValue = string | number | boolean | string[];

export interface FieldIssue {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function properties(schema: unknown): Record<string, Json> {
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  return Object.fromEntries(Object.entries(props).filter((e): e is [string, Json] => isObject(e[1])));
}

function required(schema: unknown): string[] {
  return isObject(schema) && Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

/** The allowed values of a single-select enum (plain `enum` or titled `oneOf`), or undefined. */
function choices(prop: Json): string[] | undefined {
  if (Array.isArray(prop.enum)) return prop.enum.filter((v): v is string => typeof v === 'string');
  const list = Array.isArray(prop.oneOf) ? prop.oneOf : Array.isArray(prop.anyOf) ? prop.anyOf : undefined;
  if (list) return list.flatMap((o) => (isObject(o) && typeof o.const === 'string' ? [o.const] : []));
  return undefined;
}

/** Every property's `default`, when it fits the property: the form starts from these. */
export function elicitationDefaults(schema: unknown): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, prop] of Object.entries(properties(schema))) {
    if (prop.default === undefined) continue;
    if (checkField(prop, prop.default as FieldValue) === undefined) out[name] = prop.default as FieldValue;
  }
  return out;
}

/** Field-level problems with the answers, each with a path like `content.email`. Empty when valid. */
export function validateElicitation(schema: unknown, content: Record<string, unknown>): FieldIssue[] {
  const props = properties(schema);
  const issues: FieldIssue[] = [];
  for (const name of required(schema)) {
    const v = content[name];
    if (v === undefined || v === null || v === '') issues.push({ path: `content.${name}`, message: `${label(props[name], name)} is required.` });
  }
  for (const [name, value] of Object.entries(content)) {
    if (value === undefined) continue;
    const prop = props[name];
    if (!prop) {
      issues.push({ path: `content.${name}`, message: `The server did not ask for "${name}".` });
      continue;
    }
    if (value === '' && !required(schema).includes(name)) continue;
    const problem = checkField(prop, value);
    if (problem) issues.push({ path: `content.${name}`, message: `${label(prop, name)}: ${problem}` });
  }
  return issues;
}

function label(prop: Json | undefined, name: string): string {
  return typeof prop?.title === 'string' && prop.title ? prop.title : name;
}

function checkField(prop: Json, value: unknown): string | undefined {
  switch (prop.type) {
    case 'string':
      return typeof value === 'string' ? checkString(prop, value) : 'must be text.';
    case 'number':
    case 'integer':
      return typeof value === 'number' ? checkNumber(prop, value) : 'must be a number.';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false.';
    case 'array':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? checkArray(prop, value as string[]) : 'must be a list of choices.';
    default:
      return `has a type (${String(prop.type)}) Switchboard cannot fill in.`;
  }
}

function checkString(prop: Json, value: string): string | undefined {
  const allowed = choices(prop);
  if (allowed && !allowed.includes(value)) return `must be one of ${allowed.join(', ')}.`;
  if (typeof prop.minLength === 'number' && value.length < prop.minLength) return `must be at least ${prop.minLength} characters.`;
  if (typeof prop.maxLength === 'number' && value.length > prop.maxLength) return `must be at most ${prop.maxLength} characters.`;
  switch (prop.format) {
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? undefined : 'must be an email address, like name@example.com.';
    case 'uri':
      return isUri(value) ? undefined : 'must be a full URL, like https://example.com.';
    case 'date':
      return isDate(value) ? undefined : 'must be a date, like 2025-01-31.';
    case 'date-time':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be a date and time, like 2025-01-31T09:30:00Z.';
    default:
      return undefined;
  }
}

function checkNumber(prop: Json, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a number.';
  if (prop.type === 'integer' && !Number.isInteger(value)) return 'must be a whole number.';
  if (typeof prop.minimum === 'number' && value < prop.minimum) return `must be at least ${prop.minimum}.`;
  if (typeof prop.maximum === 'number' && value > prop.maximum) return `must be at most ${prop.maximum}.`;
  return undefined;
}

function checkArray(prop: Json, value: string[]): string | undefined {
  const allowed = isObject(prop.items) ? choices(prop.items) : undefined;
  const bad = allowed ? value.filter((v) => !allowed.includes(v)) : [];
  if (bad.length > 0) return `${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not among the choices (${allowed!.join(', ')}).`;
  if (new Set(value).size !== value.length) return 'lists a choice twice.';
  if (typeof prop.minItems === 'number' && value.length < prop.minItems) return `choose at least ${prop.minItems}.`;
  if (typeof prop.maxItems === 'number' && value.length > prop.maxItems) return `choose at most ${prop.maxItems}.`;
  return undefined;
}

function isUri(value: string): boolean {
  try {
    return /^[a-z][a-z0-9+.-]*:/i.test(value) && new URL(value).href.length > 0;
  } catch {
    return false;
  }
}

function isDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

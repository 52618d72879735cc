// A form-mode elicitation's flat schema as form fields (the spec's primitive schemas), the form's starting
// values from the defaults, checking the answers before they go, and turning them into `content`.
export type FieldValue = string | boolean | string[];
export interface Option {
  value: string;
  label: string;
}

interface Base {
  name: string;
  label: string;
  description?: string;
  required: boolean;
}

export type FieldSpec =
  | (Base & { kind: 'text'; format?: string; minLength?: number; maxLength?: number })
  | (Base & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'select'; options: Option[] })
  | (Base & { kind: 'multi'; options: Option[]; minItems?: number; maxItems?: number })
  | (Base & { kind: 'unsupported'; type: string });

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function options(prop: Json): Option[] | undefined {
  if (Array.isArray(prop.enum)) {
    const names = Array.isArray(prop.enumNames) ? prop.enumNames : [];
    return prop.enum.flatMap((v, i) => (typeof v === 'string' ? [{ value: v, label: typeof names[i] === 'string' ? names[i] : v }] : []));
  }
  const list = Array.isArray(prop.oneOf) ? prop.oneOf : Array.isArray(prop.anyOf) ? prop.anyOf : undefined;
  if (!list) return undefined;
  return list.flatMap((o) => (isObject(o) && typeof o.const === 'string' ? [{ value: o.const, label: str(o.title) ?? o.const }] : []));
}

/** The optional numeric keywords that are set, e.g. `{ minimum: 1 }`. */
function numbers<K extends string>(prop: Json, keys: K[]): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const k of keys) if (num(prop[k]) !== undefined) out[k] = num(prop[k])!;
  return out;
}

function fieldOf(base: Base, prop: Json): FieldSpec {
  switch (prop.type) {
    case 'string': {
      const opts = options(prop);
      if (opts) return { ...base, kind: 'select', options: opts };
      const format = str(prop.format);
      return { ...base, kind: 'text', ...(format ? { format } : {}), ...numbers(prop, ['minLength', 'maxLength']) };
    }
    case 'number':
    case 'integer':
      return { ...base, kind: 'number', integer: prop.type === 'integer', ...numbers(prop, ['minimum', 'maximum']) };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'array': {
      const opts = isObject(prop.items) ? options(prop.items) : undefined;
      if (!opts) return { ...base, kind: 'unsupported', type: 'array' };
      return { ...base, kind: 'multi', options: opts, ...numbers(prop, ['minItems', 'maxItems']) };
    }
    default:
      return { ...base, kind: 'unsupported', type: String(prop.type) };
  }
}

export function fieldsOf(schema: unknown): FieldSpec[] {
  const props = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const required = isObject(schema) && Array.isArray(schema.required) ? schema.required : [];
  return Object.entries(props).flatMap(([name, prop]): FieldSpec[] => {
    if (!isObject(prop)) return [];
    const description = str(prop.description);
    const base: Base = { name, label: str(prop.title) ?? name, required: required.includes(name), ...(description ? { description } : {}) };
    return [fieldOf(base, prop)];
  });
}

/** The form's first values: the schema's defaults (from the core), else empty. */
export function initialValues(fields: FieldSpec[], defaults: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const f of fields) {
    const d = defaults[f.name];
    switch (f.kind) {
      case 'boolean':
        out[f.name] = d === true;
        break;
      case 'multi':
        out[f.name] = Array.isArray(d) ? d.filter((v): v is string => typeof v === 'string') : [];
        break;
      default:
        out[f.name] = d === undefined || d === null ? '' : String(d);
    }
  }
  return out;
}

function checkText(f: Extract<FieldSpec, { kind: 'text' }>, v: string): string | undefined {
  if (f.minLength !== undefined && v.length < f.minLength) return `Use at least ${f.minLength} characters.`;
  if (f.maxLength !== undefined && v.length > f.maxLength) return `Use at most ${f.maxLength} characters.`;
  if (f.format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'Give an email address, like name@example.com.';
  if (f.format === 'uri' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(v)) return 'Give a full URL, like https://example.com.';
  if (f.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return 'Give a date, like 2025-01-31.';
  return undefined;
}

function checkNumber(f: Extract<FieldSpec, { kind: 'number' }>, raw: string): string | undefined {
  const n = Number(raw);
  if (!Number.isFinite(n)) return 'Give a number.';
  if (f.integer && !Number.isInteger(n)) return 'Give a whole number.';
  if (f.minimum !== undefined && n < f.minimum) return `Give ${f.minimum} or more.`;
  if (f.maximum !== undefined && n > f.maximum) return `Give ${f.maximum} or less.`;
  return undefined;
}

/** Problems per field name; empty when the answers can be sent. */
export function checkValues(fields: FieldSpec[], values: Record<string, FieldValue>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const v = values[f.name];
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (f.kind === 'multi' && Array.isArray(v)) {
      if (f.required && v.length === 0) errors[f.name] = 'Choose at least one.';
      else if (v.length > 0 && f.minItems !== undefined && v.length < f.minItems) errors[f.name] = `Choose at least ${f.minItems}.`;
      else if (f.maxItems !== undefined && v.length > f.maxItems) errors[f.name] = `Choose at most ${f.maxItems}.`;
      continue;
    }
    if (empty) {
      if (f.required && f.kind !== 'boolean') errors[f.name] = `${f.label} is required.`;
      continue;
    }
    const problem = f.kind === 'text' && typeof v === 'string' ? checkText(f, v) : f.kind === 'number' && typeof v === 'string' ? checkNumber(f, v) : undefined;
    if (problem) errors[f.name] = problem;
  }
  return errors;
}

/** The answers as `content`: numbers as numbers, empty optional fields left out. */
export function contentOf(fields: FieldSpec[], values: Record<string, FieldValue>): Record<string, string | number | boolean | string[]> {
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (v === undefined || f.kind === 'unsupported') continue;
    if (f.kind === 'number') {
      if (v !== '') out[f.name] = Number(v);
    } else if (f.kind === 'multi') {
      if (Array.isArray(v) && (v.length > 0 || f.required)) out[f.name] = v;
    } else if (v !== '') out[f.name] = v;
  }
  return out;
}

/** The core's issues (`content.<field>`) by field name, and the rest as one message. */
export function issuesByField(issues: { path: string; message: string }[]): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const i of issues) {
    const m = /^content\.(.+)$/.exec(i.path);
    if (m) fields[m[1]!] = i.message;
    else other.push(i.message);
  }
  return { fields, other };
}

// The one choke point for keeping secrets out of strings, log lines and event payloads. It knows only
// values that are secrets (the API key, env and header values with secret names or marked secret, at
// least 8 characters), replaces each with a named mask so a person sees that something was hidden and
// what, and never rewrites a server name.
import type { Logger } from '../base/logger.ts';
import { isSecretEnv, isSecretName } from './envNames.ts';
import { secretMask } from '../api/secretMask.ts';
import type { ServerTransportDefinition } from '../config/serverDefinition.ts';

/** Values shorter than this are not treated as secrets unless marked `always` (else "1" would vanish everywhere). */
export const MIN_SECRET_LENGTH = 8;

/** The mask of an Anthropic API key, known or not. */
export const API_KEY_MASK = secretMask('API key');

/** Anthropic API keys are redacted wherever they appear, known or not. */
const API_KEY_SOURCE = 'sk-ant-[A-Za-z0-9_-]{6,}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** The forms a secret takes in logs: as is, inside a JSON string, URL-encoded, and a bearer token alone. */
function variants(value: string): string[] {
  const out = [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)];
  const scheme = /^(?:bearer|basic|token|apikey)\s+(\S.*)$/i.exec(value);
  if (scheme?.[1]) out.push(scheme[1]);
  return out;
}

/** One secret value and the name it is shown by (`GITHUB_TOKEN`, `Authorization`). */
export interface NamedSecret {
  name: string;
  value: string;
}

interface SecretGroup {
  secrets: NamedSecret[];
  always: boolean;
}

export class Redactor {
  private readonly groups = new Map<string, SecretGroup>();
  private protectedNames = new Set<string>();
  private pattern: RegExp | undefined;
  private masks = new Map<string, string>();

  constructor(private readonly minLength = MIN_SECRET_LENGTH) {}

  /**
   * Replaces one named group of secrets, e.g. `server:github` with that server's secret env and
   * header values. `always` redacts them whatever their length (the API key).
   */
  set(group: string, secrets: Iterable<NamedSecret>, options: { always?: boolean } = {}): void {
    this.groups.set(group, { secrets: [...secrets].filter((s) => s.value.length > 0), always: options.always ?? false });
    this.pattern = undefined;
  }

  setApiKey(key: string | undefined): void {
    this.set('api-key', key ? [{ name: 'API key', value: key }] : [], { always: true });
  }

  /**
   * The secrets of the servers configured now: their secret-named or marked env and header values, and
   * those that came from the store (`storedNames`). A removed server's values are forgotten; server names
   * are never rewritten.
   */
  setServers(defs: readonly { name: string; transport: ServerTransportDefinition }[], storedNames: (server: string) => ReadonlySet<string>): void {
    const current = new Set(defs.map((def) => `server:${def.name}`));
    for (const group of this.groupNames()) if (group.startsWith('server:') && !current.has(group)) this.delete(group);
    for (const def of defs) this.set(`server:${def.name}`, secretsOfServer(def.transport, storedNames(def.name)));
    this.protect(defs.map((def) => def.name));
  }

  /** A server's OAuth tokens and client secret, masked whatever their length. */
  setOAuth(server: string, values: readonly string[]): void {
    this.set(
      `oauth:${server}`,
      values.map((value) => ({ name: 'OAuth token', value })),
      { always: true },
    );
  }

  delete(group: string): void {
    if (this.groups.delete(group)) this.pattern = undefined;
  }

  /** The names of the groups it knows (to forget those of servers that are gone). */
  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  /** Server names are never rewritten, even when a secret value happens to be part of one. */
  protect(names: Iterable<string>): void {
    this.protectedNames = new Set(names);
    this.pattern = undefined;
  }

  redact(text: string): string {
    if (text.length === 0) return text;
    const regex = this.regex();
    return text.replace(regex, (match) => (this.protectedNames.has(match) ? match : (this.masks.get(match) ?? API_KEY_MASK)));
  }

  /** A copy of a value with every string (and object key) redacted; unchanged parts are shared. */
  redactDeep<T>(value: T): T {
    return redactStrings(value, (text) => this.redact(text));
  }

  private regex(): RegExp {
    if (this.pattern) return this.pattern;
    const masks = new Map<string, string>();
    for (const group of this.groups.values()) {
      for (const secret of group.secrets) {
        for (const form of variants(secret.value)) {
          if (group.always ? form.length > 0 : form.length >= this.minLength) {
            if (!masks.has(form)) masks.set(form, secretMask(secret.name));
          }
        }
      }
    }
    const forms = [...masks.keys()];
    const names = [...this.protectedNames].filter((name) => forms.some((form) => name.includes(form)));
    const literals = [...forms, ...names].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.masks = masks;
    this.pattern = new RegExp([...literals, API_KEY_SOURCE].join('|'), 'g');
    return this.pattern;
  }
}

/**
 * A copy of a value with `redact` applied to every string (and object key) in plain objects and arrays;
 * unchanged parts are shared. For whoever holds only a redactor's `redact` (the tool caller).
 */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  return walk(value, redact, new Set()) as T;
}

function walk(value: unknown, redact: (text: string) => string, path: Set<object>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || path.has(value)) return value;
  if (value instanceof Error) {
    const own = walk({ ...value }, redact, path) as Record<string, unknown>;
    return { ...own, name: value.name, message: redact(value.message), ...(value.stack ? { stack: redact(value.stack) } : {}) };
  }
  const isArray = Array.isArray(value);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!isArray && proto !== Object.prototype && proto !== null) return value;
  path.add(value);
  try {
    if (isArray) {
      const items = value.map((item) => walk(item, redact, path));
      return items.every((item, i) => item === value[i]) ? value : items;
    }
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const k = redact(key);
      const v = walk(item, redact, path);
      if (k !== key || v !== item) changed = true;
      out[k] = v;
    }
    return changed ? out : value;
  } finally {
    path.delete(value);
  }
}

/**
 * The secret values of a server entry: env and header values whose names say they are secrets
 * (token, key, password, Authorization, …) or that the person marked secret. Everything else is a
 * setting the person may need to read, and is never hidden.
 */
export function secretsOfServer(def: ServerTransportDefinition, markedSecret: ReadonlySet<string> = new Set()): NamedSecret[] {
  const values = def.kind === 'stdio' ? def.env : def.headers;
  return Object.entries(values)
    .filter(([name]) => (def.kind === 'stdio' ? isSecretEnv(name, markedSecret) : isSecretName(name) || markedSecret.has(name)))
    .map(([name, value]) => ({ name, value }));
}

function redactFields(redactor: Redactor, fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return fields === undefined ? undefined : redactor.redactDeep(fields);
}

/** A Logger that redacts every message and every string in its fields before the inner logger sees them. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  return {
    debug: (message, fields) => inner.debug(redactor.redact(message), redactFields(redactor, fields)),
    info: (message, fields) => inner.info(redactor.redact(message), redactFields(redactor, fields)),
    warn: (message, fields) => inner.warn(redactor.redact(message), redactFields(redactor, fields)),
    error: (message, fields) => inner.error(redactor.redact(message), redactFields(redactor, fields)),
  };
}

// The one choke point for keeping secrets out of strings, log lines and event payloads.
import type { Logger } from '../base/logger.ts';
import { isCodeLoadingEnv } from './launchCommand.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';

export const REDACTED = '[redacted]';

/** Values shorter than this are not treated as secrets unless marked `always` (else "1" would vanish everywhere). */
export const MIN_SECRET_LENGTH = 6;

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

interface SecretGroup {
  values: string[];
  always: boolean;
}

export class Redactor {
  private readonly groups = new Map<string, SecretGroup>();
  private pattern: RegExp | undefined;

  constructor(private readonly minLength = MIN_SECRET_LENGTH) {}

  /**
   * Replaces one named group of secrets, e.g. `server:github` with that server's env and header
   * values. `always` redacts them whatever their length (the API key).
   */
  set(group: string, values: Iterable<string>, options: { always?: boolean } = {}): void {
    this.groups.set(group, { values: [...values].filter((v) => v.length > 0), always: options.always ?? false });
    this.pattern = undefined;
  }

  setApiKey(key: string | undefined): void {
    this.set('api-key', key ? [key] : [], { always: true });
  }

  delete(group: string): void {
    if (this.groups.delete(group)) this.pattern = undefined;
  }

  redact(text: string): string {
    if (text.length === 0) return text;
    return text.replace(this.regex(), REDACTED);
  }

  /** A copy of a value with every string (and object key) redacted; unchanged parts are shared. */
  redactDeep<T>(value: T): T {
    return this.walk(value, new Set()) as T;
  }

  private walk(value: unknown, path: Set<object>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object' || path.has(value)) return value;
    if (value instanceof Error) {
      const own = this.walk({ ...value }, path) as Record<string, unknown>;
      return { ...own, name: value.name, message: this.redact(value.message), ...(value.stack ? { stack: this.redact(value.stack) } : {}) };
    }
    const isArray = Array.isArray(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (!isArray && proto !== Object.prototype && proto !== null) return value;
    path.add(value);
    try {
      if (isArray) {
        const items = value.map((item) => this.walk(item, path));
        return items.every((item, i) => item === value[i]) ? value : items;
      }
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const k = this.redact(key);
        const v = this.walk(item, path);
        if (k !== key || v !== item) changed = true;
        out[k] = v;
      }
      return changed ? out : value;
    } finally {
      path.delete(value);
    }
  }

  private regex(): RegExp {
    if (this.pattern) return this.pattern;
    const secrets = new Set<string>();
    for (const group of this.groups.values()) {
      for (const value of group.values) {
        for (const form of variants(value)) {
          if (group.always ? form.length > 0 : form.length >= this.minLength) secrets.add(form);
        }
      }
    }
    const literals = [...secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.pattern = new RegExp([...literals, API_KEY_SOURCE].join('|'), 'g');
    return this.pattern;
  }
}

/**
 * Every env and header value of a server entry: all are treated as secret. The values of env vars
 * that decide which code runs (PATH, NODE_OPTIONS, …) are paths and flags shown at launch approval,
 * so they are left out.
 */
export function secretsOfServer(def: ServerConnectionDef): string[] {
  if (def.kind === 'stdio') return Object.entries(def.env).filter(([k]) => !isCodeLoadingEnv(k)).map(([, v]) => v);
  return Object.values(def.headers);
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

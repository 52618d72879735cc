// The server form as plain data: built from a ServerView, checked at each field, turned into servers.upsert params,
// and host issues (paths like `entry.url` or `mcpServers.x.args[1]`) mapped back to the field they belong to.
import type { ProtocolChoiceView, ServerView } from '../../../app/api/index.ts';
import type { UpsertServerParams } from '../../store/appState.ts';
import { emptyOAuth, oauthField, oauthFromView, oauthToParam, validateOAuth, type OAuthFormState } from './oauthForm.ts';

export interface SecretRow {
  id: number;
  key: string;
  /** Typed value; empty on an existing row means "keep the stored secret". */
  value: string;
  existing: boolean;
  /** The person marked this value secret: it goes to the secret store and is masked wherever it shows. */
  secret?: boolean;
}

export interface ArgRow {
  id: number;
  value: string;
}

export interface ServerFormState {
  previousName?: string;
  name: string;
  kind: 'stdio' | 'remote';
  command: string;
  args: ArgRow[];
  env: SecretRow[];
  cwd: string;
  url: string;
  transport: 'auto' | 'http' | 'sse';
  headers: SecretRow[];
  /** The protocol era (config `protocol`); '' is the default: 2025-11-25 for local servers, ask (auto) for remote ones. */
  protocol: '' | ProtocolChoiceView;
  /** A remote server's sign-in set-up (the entry's `oauth` block). */
  oauth: OAuthFormState;
  disabled: boolean;
}

/** Field keys: `name`, `command`, `cwd`, `url`, `arg:<id>`, `env:<id>`, `header:<id>`, `oauth.<field>`, and `form` for the rest. */
export type FieldErrors = Record<string, string>;

let nextId = 1;
export const rowId = () => nextId++;

export function emptyForm(): ServerFormState {
  return {
    name: '',
    kind: 'stdio',
    command: '',
    args: [],
    env: [],
    cwd: '',
    url: '',
    transport: 'auto',
    headers: [],
    protocol: '',
    oauth: emptyOAuth(),
    disabled: false,
  };
}

export function formFromView(view: ServerView): ServerFormState {
  const base = { ...emptyForm(), previousName: view.name, name: view.name, disabled: view.disabled, protocol: view.entry.protocol ?? ('' as const) };
  const entry = view.entry;
  if (entry.transport === 'stdio') {
    return {
      ...base,
      kind: 'stdio',
      command: entry.command,
      args: entry.args.map((value) => ({ id: rowId(), value })),
      env: entry.envKeys.map((key) => ({ id: rowId(), key, value: '', existing: true })),
      cwd: entry.cwd ?? '',
    };
  }
  return {
    ...base,
    kind: 'remote',
    url: entry.url,
    transport: entry.transport,
    headers: entry.headerKeys.map((key) => ({ id: rowId(), key, value: '', existing: true })),
    oauth: oauthFromView(entry.oauth),
  };
}

type SecretInput = string | { keep: true } | { value: string; secret: true };

function secrets(rows: SecretRow[]): Record<string, SecretInput> {
  const out: Record<string, SecretInput> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key) continue;
    out[key] = row.existing && row.value === '' ? { keep: true } : row.secret ? { value: row.value, secret: true } : row.value;
  }
  return out;
}

export function formToParams(form: ServerFormState): UpsertServerParams {
  const oauth = form.kind === 'remote' ? oauthToParam(form.oauth) : undefined;
  const entry: UpsertServerParams['entry'] =
    form.kind === 'stdio'
      ? {
          transport: 'stdio',
          command: form.command.trim(),
          args: form.args.map((a) => a.value),
          env: secrets(form.env),
          ...(form.cwd.trim() ? { cwd: form.cwd.trim() } : {}),
          ...(form.protocol ? { protocol: form.protocol } : {}),
        }
      : {
          transport: form.transport,
          url: form.url.trim(),
          headers: secrets(form.headers),
          ...(oauth !== undefined ? { oauth } : {}),
          ...(form.protocol ? { protocol: form.protocol } : {}),
        };
  return {
    ...(form.previousName ? { previousName: form.previousName } : {}),
    name: form.name.trim(),
    entry,
    disabled: form.disabled,
  };
}

function checkKeys(rows: SecretRow[], prefix: 'env' | 'header', errors: FieldErrors, what: string): void {
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && (row.value || row.existing)) errors[`${prefix}:${row.id}`] = `Give this ${what} a name.`;
    else if (key && seen.has(key)) errors[`${prefix}:${row.id}`] = `"${key}" is already listed above.`;
    else if (prefix === 'env' && key && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
      errors[`${prefix}:${row.id}`] = 'Use letters, digits and _ only, not starting with a digit.';
    } else if (prefix === 'header' && key && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      errors[`${prefix}:${row.id}`] = 'A header name cannot contain spaces or punctuation like ":".';
    } else if (key && !row.existing && row.value === '') errors[`${prefix}:${row.id}`] = 'Give a value, or remove this row.';
    seen.add(key);
  }
}

export function validateForm(form: ServerFormState, otherNames: string[]): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the server a name, e.g. "files".';
  else if (name.length > 64) errors.name = 'Keep the name to 64 characters or fewer.';
  else if (otherNames.includes(name)) errors.name = `There is already a server called "${name}".`;
  if (form.kind === 'stdio') {
    if (!form.command.trim()) errors.command = 'Give the command to run, e.g. npx or a full path.';
    checkKeys(form.env, 'env', errors, 'variable');
  } else {
    const url = form.url.trim();
    if (!url) errors.url = 'Give the server URL, e.g. https://example.com/mcp.';
    else {
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') errors.url = 'Only http:// and https:// URLs work here.';
      } catch {
        errors.url = 'This is not a complete URL. Include https:// at the start.';
      }
    }
    checkKeys(form.headers, 'header', errors, 'header');
    validateOAuth(form.oauth, errors);
  }
  return errors;
}

/** Maps host issue paths to form fields; anything unplaced goes to `form`. */
export function mapIssues(form: ServerFormState, issues: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.replace(/^mcpServers\.[^.[]+\.?/, '').replace(/^entry\.?/, '');
    let field = 'form';
    const arg = /^args\[(\d+)\]/.exec(path);
    const secret = /^(env|headers)\.([^.[]+)/.exec(path);
    const oauth = oauthField(path);
    if (oauth) field = oauth;
    else if (path === 'name' || path === 'previousName') field = 'name';
    else if (['command', 'cwd', 'url'].includes(path)) field = path;
    else if (path === 'transport') field = form.kind === 'stdio' ? 'command' : 'url';
    else if (arg) {
      const row = form.args[Number(arg[1])];
      if (row) field = `arg:${row.id}`;
    } else if (secret) {
      const rows = secret[1] === 'env' ? form.env : form.headers;
      const row = rows.find((r) => r.key.trim() === secret[2]);
      if (row) field = `${secret[1] === 'env' ? 'env' : 'header'}:${row.id}`;
    }
    errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
  }
  return errors;
}

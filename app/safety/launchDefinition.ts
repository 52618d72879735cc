// A launch definition as the person sees it in the approval dialog, what trust.json keeps of it, and the diff between two.
import { z } from 'zod';
import { secretMask } from '../api/secretMask.ts';
import type { LaunchChangeView, LaunchEnvView, ShownLaunchView } from '../api/views.ts';
import { sha256Hex } from './canonicalJson.ts';
import { isLauncherEnv, isSecretEnv } from '../secrets/index.ts';
import { formatCommandLine, visibleText } from '../config/commandLine.ts';
import { describeSignIn } from './launchCommand.ts';
import type { ServerConnectionDef } from './serverIdentity.ts';
import { describePolicy } from './sandboxPolicy.ts';

/** What the approval dialog shows of a definition: the part of LaunchView that describes it. */
export type ShownLaunch = ShownLaunchView;

/** Exactly what the dialog shows for a definition. `secretNames` are names the person marked secret. */
export function shownLaunch(def: ServerConnectionDef, secretNames: ReadonlySet<string> = new Set()): ShownLaunch {
  if (def.kind !== 'stdio') {
    return {
      target: 'url',
      commandLine: def.url,
      env: [],
      headerNames: Object.keys(def.headers).sort(),
      ...(def.oauth ? { signIn: describeSignIn(def.oauth) } : {}),
    };
  }
  const env = Object.keys(def.env)
    .sort()
    .map((name): LaunchEnvView => {
      const secret = isSecretEnv(name, secretNames);
      return { name, ...(secret ? {} : { value: visibleText(def.env[name] ?? '') }), secret, flagged: isLauncherEnv(name) };
    });
  return {
    target: 'command',
    commandLine: formatCommandLine(def),
    ...(def.cwd !== undefined ? { cwd: visibleText(def.cwd) } : {}),
    env,
    headerNames: [],
    sandbox: describePolicy(def).map(visibleText),
  };
}

/** What trust.json keeps of an approved launch: what was shown, and a salted digest of each secret value (never the value). */
export const recordedLaunchSchema = z.object({
  target: z.enum(['command', 'url']),
  commandLine: z.string(),
  cwd: z.string().optional(),
  env: z.array(z.object({ name: z.string(), value: z.string().optional(), digest: z.string().optional() })),
  headerNames: z.array(z.string()),
  signIn: z.string().optional(),
  /** The sandbox lines shown, when the entry set a policy (entries on the default record none, as before). */
  sandbox: z.array(z.string()).optional(),
});
export type RecordedLaunch = z.output<typeof recordedLaunchSchema>;

function secretDigest(salt: string, name: string, value: string): string {
  return sha256Hex(`${salt}\u0000${name}\u0000${value}`).slice(0, 32);
}

export function recordLaunch(def: ServerConnectionDef, shown: ShownLaunch, salt: string): RecordedLaunch {
  const values = def.kind === 'stdio' ? def.env : {};
  return {
    target: shown.target,
    commandLine: shown.commandLine,
    ...(shown.cwd !== undefined ? { cwd: shown.cwd } : {}),
    env: shown.env.map((e) => (e.secret ? { name: e.name, digest: secretDigest(salt, e.name, values[e.name] ?? '') } : { name: e.name, value: e.value ?? '' })),
    headerNames: shown.headerNames,
    ...(shown.signIn !== undefined ? { signIn: shown.signIn } : {}),
    ...(def.kind === 'stdio' && def.sandbox !== undefined && shown.sandbox ? { sandbox: shown.sandbox } : {}),
  };
}

/** Every difference between what was approved and what would run now, secrets as named masks. */
export function launchChanges(before: RecordedLaunch, def: ServerConnectionDef, now: ShownLaunch, salt: string): LaunchChangeView[] {
  const changes: LaunchChangeView[] = [];
  const label = now.target === 'url' ? 'URL' : 'Command line';
  if (before.commandLine !== now.commandLine) changes.push({ field: label, change: 'changed', before: before.commandLine, now: now.commandLine });
  if (before.cwd !== now.cwd) changes.push(optionalChange('Folder', before.cwd, now.cwd));
  const values = def.kind === 'stdio' ? def.env : {};
  const old = new Map(before.env.map((e) => [e.name, e]));
  for (const e of now.env) {
    const was = old.get(e.name);
    old.delete(e.name);
    const shownNow = e.secret ? secretMask(e.name) : (e.value ?? '');
    if (!was) {
      changes.push({ field: `env ${e.name}`, change: 'added', now: shownNow });
      continue;
    }
    const wasShown = was.digest !== undefined ? secretMask(e.name) : (was.value ?? '');
    const same = e.secret
      ? was.digest !== undefined && was.digest === secretDigest(salt, e.name, values[e.name] ?? '')
      : was.digest === undefined && was.value === e.value;
    if (!same) changes.push({ field: `env ${e.name}`, change: 'changed', before: wasShown, now: e.secret ? `${shownNow} (new value)` : shownNow });
  }
  for (const was of old.values()) {
    changes.push({ field: `env ${was.name}`, change: 'removed', before: was.digest !== undefined ? secretMask(was.name) : (was.value ?? '') });
  }
  const headersBefore = new Set(before.headerNames);
  for (const name of now.headerNames) {
    if (!headersBefore.delete(name)) changes.push({ field: `header ${name}`, change: 'added', now: name });
  }
  for (const name of headersBefore) changes.push({ field: `header ${name}`, change: 'removed', before: name });
  if (before.signIn !== now.signIn) changes.push(optionalChange('Sign-in', before.signIn, now.signIn));
  if (def.kind === 'stdio') {
    // Approved before policies were part of the definition: what ran then was the default policy.
    const { sandbox: _own, ...onDefault } = def;
    const was = before.sandbox ?? describePolicy(onDefault).map(visibleText);
    const is = now.sandbox ?? [];
    // Only the lines that differ: "also reads: ~/.aws" reads better than two copies of the whole policy.
    const removed = was.filter((line) => !is.includes(line));
    const added = is.filter((line) => !was.includes(line));
    if (removed.length || added.length) {
      changes.push({
        field: 'Sandbox',
        change: removed.length && added.length ? 'changed' : added.length ? 'added' : 'removed',
        ...(removed.length ? { before: removed.join('; ') } : {}),
        ...(added.length ? { now: added.join('; ') } : {}),
      });
    }
  }
  return changes;
}

/** The change of a field a definition may or may not have (a folder, a sign-in set-up). */
function optionalChange(field: string, before: string | undefined, now: string | undefined): LaunchChangeView {
  return {
    field,
    change: before === undefined ? 'added' : now === undefined ? 'removed' : 'changed',
    ...(before !== undefined ? { before } : {}),
    ...(now !== undefined ? { now } : {}),
  };
}

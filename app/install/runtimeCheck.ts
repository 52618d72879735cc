// A bundle's `compatibility.runtimes` (Node.js, Python version ranges) checked against the runtime the
// servers' PATH actually has: found by the same lookup that starts servers, asked `--version` with a timeout.
import { execFile } from 'node:child_process';
import type { McpbManifestAny } from '@anthropic-ai/mcpb/browser';
import { describePath, resolveCommand } from '../servers/commandResolver.ts';
import { satisfies, versionIn, type RangeFlavour } from './versionRange.ts';

const VERSION_TIMEOUT_MS = 5000;

interface Runtime {
  label: string;
  /** Commands that provide it, in the order they are tried. */
  commands: (platform: NodeJS.Platform) => string[];
  flavour: RangeFlavour;
}

const RUNTIMES: Record<'node' | 'python', Runtime> = {
  node: { label: 'Node.js', commands: () => ['node'], flavour: 'semver' },
  python: { label: 'Python', commands: (platform) => (platform === 'win32' ? ['python', 'python3'] : ['python3', 'python']), flavour: 'pep440' },
};

type Answer = { ok: true; output: string } | { ok: false; why: string };

function askVersion(file: string, env: Record<string, string | undefined>): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(file, ['--version'], { env, timeout: VERSION_TIMEOUT_MS, windowsHide: true, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && (error as { killed?: boolean }).killed) resolve({ ok: false, why: `did not answer within ${VERSION_TIMEOUT_MS / 1000} seconds` });
      else if (error) resolve({ ok: false, why: `failed (${error.message.split('\n')[0] ?? 'no reason given'})` });
      // Python 2 printed its version to stderr.
      else resolve({ ok: true, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Why the runtimes on this machine do not meet the bundle's version ranges; nothing when they do. */
export async function runtimeProblems(manifest: McpbManifestAny, platform: NodeJS.Platform, env: Record<string, string | undefined>): Promise<string[]> {
  const ranges = manifest.compatibility?.runtimes ?? {};
  const problems: string[] = [];
  for (const key of ['node', 'python'] as const) {
    const range = ranges[key]?.trim();
    if (!range) continue;
    const runtime = RUNTIMES[key];
    const commands = runtime.commands(platform);
    const found = commands.map((c) => ({ command: c, resolved: resolveCommand(c, env, platform) })).find((c) => c.resolved.ok);
    if (!found || !found.resolved.ok) {
      // The bundle's own command missing is already said by the command check.
      if (commands.includes(manifest.server.mcp_config?.command ?? '')) continue;
      const pathKey = Object.keys(env).find((k) => (platform === 'win32' ? k.toUpperCase() === 'PATH' : k === 'PATH'));
      problems.push(
        `This bundle needs ${runtime.label} ${range}, but ${commands.join(' or ')} was not found on your PATH (${describePath((pathKey ? env[pathKey] : undefined) ?? '', platform)}). Install ${runtime.label}.`,
      );
      continue;
    }
    const { command } = found;
    const answer = await askVersion(found.resolved.path, env);
    const version = answer.ok ? versionIn(answer.output) : undefined;
    if (!answer.ok || !version) {
      problems.push(
        `This bundle needs ${runtime.label} ${range}, but \`${command} --version\` (${found.resolved.path}) ${answer.ok ? 'did not print a version' : answer.why}, so Switchboard cannot tell which version you have.`,
      );
      continue;
    }
    // A range in a form Switchboard does not read is not held against the bundle.
    if (satisfies(range, version, runtime.flavour) === false) {
      problems.push(
        `This bundle needs ${runtime.label} ${range} but ${command} on your PATH is ${version}. Install a ${runtime.label} that matches, or put it first on your PATH.`,
      );
    }
  }
  return problems;
}

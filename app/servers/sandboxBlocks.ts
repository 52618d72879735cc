// A refusal of the sandbox in words ("blocked reading ~/.ssh/id_rsa"), with what "allow this" would add to
// the policy: from the library's violation lines (write attempts, proxy denies, macOS denials) and from the
// server's own error output, for what bubblewrap refuses silently (a hidden file reads as missing; a direct
// connection finds no network).
import path from 'node:path';
import type { SandboxAllowView } from '../api/views.ts';
import { shortPath, type ResolvedPolicy } from '../safety/sandboxPolicy.ts';

export interface SandboxBlock {
  text: string;
  allow: SandboxAllowView;
}

function under(p: string, roots: readonly string[]): boolean {
  return roots.some((r) => p === r || p.startsWith(r.endsWith('/') ? r : `${r}/`));
}

function readBlock(p: string, policy: ResolvedPolicy, home: string): SandboxBlock | undefined {
  if (!under(p, policy.denyRead) || under(p, policy.allowRead)) return undefined;
  return { text: `blocked reading ${shortPath(p, home)}`, allow: { kind: 'read', value: shortPath(p, home) } };
}

function writeBlock(p: string, policy: ResolvedPolicy, home: string): SandboxBlock | undefined {
  if (under(p, policy.allowWrite)) return undefined;
  return { text: `blocked writing ${shortPath(p, home)}`, allow: { kind: 'write', value: shortPath(path.dirname(p), home) } };
}

function connectBlock(target: string): SandboxBlock {
  return { text: `blocked connecting to ${target}`, allow: { kind: 'domain', value: target } };
}

/** `deny openat /x`, `deny network-outbound host:443 (reason)`, macOS `deny(1) file-read-data /x`. */
export function blockFromLibrary(line: string, policy: ResolvedPolicy, home: string): SandboxBlock | undefined {
  const net = /deny\S* network-outbound (\S+)/.exec(line);
  if (net?.[1]) return connectBlock(net[1]);
  const read = /deny\S* file-read\S* (\/.*)$/.exec(line);
  if (read?.[1])
    return (
      readBlock(read[1].trim(), policy, home) ?? {
        text: `blocked reading ${shortPath(read[1].trim(), home)}`,
        allow: { kind: 'read', value: shortPath(read[1].trim(), home) },
      }
    );
  const write = /deny\S* (?:file-write\S*|open\S*|creat|mkdir\S*|unlink\S*|rename\S*|truncate|\S+) (\/.*)$/.exec(line);
  if (write?.[1]) return writeBlock(path.posix.normalize(write[1].trim()), policy, home);
  return undefined;
}

const QUOTED = `['"]([^'"]+)['"]`;
const READ_ERRORS = [new RegExp(`\\b(?:ENOENT|EACCES)\\b[^'"]*?${QUOTED}`), new RegExp(`\\[Errno (?:2|13)\\][^:]*: ${QUOTED}`)];
const WRITE_ERRORS = [new RegExp(`\\b(?:EROFS|EPERM)\\b[^'"]*?${QUOTED}`), new RegExp(`\\[Errno (?:30|1)\\][^:]*: ${QUOTED}`)];
const CONNECT_ERRORS = [/\b(?:ECONNREFUSED|ENETUNREACH|EHOSTUNREACH)\s+(\[?[0-9a-fA-F.:]+\]?:\d+)/, /\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([A-Za-z0-9.-]+)/];

/** A line of the server's stderr that shows a refusal of its policy, if it is one. */
export function blockFromStderr(line: string, policy: ResolvedPolicy, home: string): SandboxBlock | undefined {
  for (const re of WRITE_ERRORS) {
    const m = re.exec(line);
    if (m?.[1]?.startsWith('/')) return writeBlock(path.posix.normalize(m[1]), policy, home);
  }
  for (const re of READ_ERRORS) {
    const m = re.exec(line);
    if (m?.[1]?.startsWith('/')) return readBlock(path.posix.normalize(m[1]), policy, home);
  }
  for (const re of CONNECT_ERRORS) {
    const m = re.exec(line);
    if (m?.[1]) return connectBlock(m[1]);
  }
  return undefined;
}

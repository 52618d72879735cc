// Atomic file writes: a temp file in the same folder, fsync, rename. A reader sees the old or the new file, never half.
// Writes to one path land one after another in the order they were asked for (the only place that orders writes).
// Files are private to the user (0600) by default: config and settings can hold secrets.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Windows refuses a rename while another program has the file open; those clear up quickly. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
  }
}

/** The last write asked for per path; each write starts after the one before it settled. */
const queues = new Map<string, Promise<void>>();

export function writeFileAtomic(file: string, content: string, options: { mode?: number } = {}): Promise<void> {
  const key = path.resolve(file);
  const write = (queues.get(key) ?? Promise.resolve()).then(() => writeNow(file, content, options));
  const settled = write.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return write;
}

/** Resolves once every write to `file` asked for so far has landed (or failed). */
export function writesSettled(file: string): Promise<void> {
  return queues.get(path.resolve(file)) ?? Promise.resolve();
}

async function writeNow(file: string, content: string, options: { mode?: number }): Promise<void> {
  // Write through a symlink (e.g. a config kept in a dotfiles repo) instead of replacing it.
  const target = await fs.realpath(file).catch(() => file);
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(tmp, 'wx', options.mode ?? 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDir(dir);
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported everywhere (Windows); the rename itself is atomic.
  }
}

/** Reads a file, or undefined when it does not exist. */
export async function readFileIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

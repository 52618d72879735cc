// The data folder holds config, conversations and secrets: only its owner may enter it. Folders are
// created 0700 and existing ones tightened to 0700; the files the caller names secret are tightened to
// their mode (app/secrets/secretFiles.ts decides which and to what). (Windows
// ignores POSIX modes; its per-user profile folder already keeps others out.)
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;

/** Which files hold secrets (by name), and the mode they get. */
export interface SecretFileRule {
  isSecretFile(name: string): boolean;
  mode: number;
}

/** mkdir -p with 0700, and 0700 on the folder itself even if it already existed. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await tighten(dir, PRIVATE_DIR_MODE);
}

/** The data folder and every folder inside it become 0700, secret files their mode. Symlinks are not followed. */
export async function tightenDataDir(dataDir: string, secretFiles: SecretFileRule, maxDepth = 4): Promise<void> {
  await ensurePrivateDir(dataDir);
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await tighten(full, PRIVATE_DIR_MODE);
        if (depth < maxDepth) await walk(full, depth + 1);
      } else if (entry.isFile() && secretFiles.isSecretFile(entry.name)) {
        await tighten(full, secretFiles.mode);
      }
    }
  };
  await walk(dataDir, 1);
}

async function tighten(target: string, mode: number): Promise<void> {
  const stat = await fs.lstat(target).catch(() => undefined);
  if (!stat || stat.isSymbolicLink()) return;
  if ((stat.mode & 0o777) !== mode) await fs.chmod(target, mode).catch(() => undefined);
}

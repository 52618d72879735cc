// Where the real MCP servers and our fixtures live. Tests start them with `node <bin>`, never npx.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = (name: string) => path.join(repoRoot, 'node_modules', '@modelcontextprotocol', name, 'dist', 'index.js');

export const serverBins = {
  everything: pkg('server-everything'),
  filesystem: pkg('server-filesystem'),
  memory: pkg('server-memory'),
};

export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures');
/** tsx's loader, so fixture servers written in TypeScript run as `node --import <tsx> file.ts`. */
export const tsxImport = 'tsx';
export const nodeBin = process.execPath;

// Serves the built renderer from one folder: no path escapes, GET/HEAD only, and unknown
// paths without an extension fall back to index.html (the app routes on the client).
import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { contentType, resolveStaticPath } from '../shared/staticPaths.ts';

export async function serveStatic(root: string, pathname: string, method: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const file = resolveStaticPath(root, pathname);
  if (!file) return sendText(res, 404, 'Not found.', headers);
  let target = file;
  let stat = await fs.stat(target).catch(() => undefined);
  if (!stat?.isFile() && path.extname(pathname) === '') {
    target = path.join(root, 'index.html');
    stat = await fs.stat(target).catch(() => undefined);
  }
  if (!stat?.isFile()) {
    if (target === path.join(root, 'index.html')) {
      return sendText(res, 503, 'The Switchboard UI is not built yet. Run `npm run build`, then reload.', headers);
    }
    return sendText(res, 404, 'Not found.', headers);
  }
  const body = method === 'HEAD' ? undefined : await fs.readFile(target);
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentType(target),
    'Content-Length': String(stat.size),
    'Cache-Control': path.basename(target) === 'index.html' ? 'no-store' : 'no-cache',
  });
  res.end(body);
}

export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text + '\n');
}

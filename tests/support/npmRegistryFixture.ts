// A local npm registry on loopback serving one package (tests/fixtures/npm-tiny-server) as a packument
// and a tarball, so an `npx -y` first launch downloads for real without the internet. It listens on [::1]:
// inside the sandbox npm must go through the sandbox's proxy, and npm skips the proxy for 127.0.0.1 and
// localhost whatever its own `noproxy` says (@npmcli/agent reads only the NO_PROXY the sandbox sets), but
// matches `[::1]` against that list's `::1` as text and so proxies it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixturesDir } from './paths.ts';

export interface NpmRegistryFixture {
  url: string;
  /** host:port, as a sandbox domain entry. */
  hostPort: string;
  /** Every request's path, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function startNpmRegistry(): Promise<NpmRegistryFixture> {
  const work = mkdtempSync(path.join(tmpdir(), 'sb-npm-'));
  cpSync(path.join(fixturesDir, 'npm-tiny-server'), path.join(work, 'package'), { recursive: true });
  const tarball = path.join(work, 'sb-tiny-server-1.0.0.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', work, 'package']);
  const bytes = readFileSync(tarball);
  rmSync(work, { recursive: true, force: true });
  const manifest = JSON.parse(readFileSync(path.join(fixturesDir, 'npm-tiny-server', 'package.json'), 'utf8')) as Record<string, unknown>;
  const requests: string[] = [];
  let base = '';
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/sb-tiny-server') {
      const version = {
        ...manifest,
        dist: {
          tarball: `${base}/sb-tiny-server/-/sb-tiny-server-1.0.0.tgz`,
          integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
          shasum: createHash('sha1').update(bytes).digest('hex'),
        },
      };
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ name: 'sb-tiny-server', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': version } }));
    } else if (req.url === '/sb-tiny-server/-/sb-tiny-server-1.0.0.tgz') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://[::1]:${port}`;
  return { url: `${base}/`, hostPort: `[::1]:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

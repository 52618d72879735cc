// One remote server behind the OAuth fixture, connected the way the host connects it: a real ServerConnection,
// the real SignIns with a real loopback listener and a real 0600 secrets file in a temp dir. Calls go as the
// host's do, as a ToolCall (which waits for a sign-in the server asks for and runs the call again).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionState, SignInStart } from '../../../app/api/views.ts';
import { FileAuthSecrets, secretKeys } from '../../../app/secrets/index.ts';
import { LoopbackListener } from '../../../app/auth/loopbackListener.ts';
import { SignIns } from '../../../app/auth/signIns.ts';
import type { OAuthSettings, ProtocolChoice, ServerDefinition } from '../../../app/config/serverDefinition.ts';
import { silentLogger } from '../../../app/base/logger.ts';
import { CallStop } from '../../../app/base/callStop.ts';
import { ToolCall } from '../../../app/routing/toolCall.ts';
import { ServerConnection } from '../../../app/servers/serverConnection.ts';
import type { OAuthFixture } from '../../fixtures/oauthServer.ts';
import { eventually } from '../../support/eventually.ts';

export interface OAuthHarness {
  conn: ServerConnection;
  signIns: SignIns;
  def: ServerDefinition;
  secrets: FileAuthSecrets;
  dataDir: string;
  /** The raw secrets file, to assert what is (and is not) stored. */
  secretsFile(): Promise<string>;
  waitFor(kind: ConnectionState['kind'], timeoutMs?: number): Promise<ConnectionState>;
  /** Starts sign-in and expects a URL to open. */
  beginUrl(): Promise<string>;
  call(tool: string): Promise<string>;
  /** Stops everything but keeps the data dir (a quit, before the next launch). */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export async function oauthHarness(
  fixture: OAuthFixture,
  opts: {
    kind?: 'http' | 'auto';
    oauth?: OAuthSettings;
    clientSecret?: { ref: string; value: string };
    clientMetadataUrl?: string;
    url?: string;
    now?: () => number;
    dataDir?: string;
    protocol?: ProtocolChoice;
  } = {},
): Promise<OAuthHarness> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-oauth-')));
  const secrets = new FileAuthSecrets(dataDir);
  if (opts.clientSecret) await secrets.write(secretKeys.clientSecret(opts.url ?? fixture.mcpUrl, opts.clientSecret.ref), opts.clientSecret.value);
  const listener = new LoopbackListener();
  const def: ServerDefinition = {
    name: 'guarded',
    transport: {
      kind: opts.kind ?? 'http',
      url: opts.url ?? fixture.mcpUrl,
      headers: {},
      ...(opts.oauth ? { oauth: opts.oauth } : {}),
      ...(opts.protocol ? { protocol: opts.protocol } : {}),
    },
    disabled: false,
    disabledTools: [],
  };
  // eslint-disable-next-line prefer-const
  let conn: ServerConnection;
  const signIns = new SignIns({
    secrets,
    endpoint: listener,
    clientMetadataUrl: () => opts.clientMetadataUrl ?? '',
    onChanged: () => void conn.restart(),
    onSecrets: () => {},
    logger: silentLogger,
    now: opts.now ?? (() => Date.now()),
  });
  conn = new ServerConnection(def, { env: {}, auth: signIns, autoRestart: false, initTimeoutMs: 15_000 });

  const waitFor = (kind: ConnectionState['kind'], timeoutMs = 20_000): Promise<ConnectionState> =>
    eventually(
      () => {
        const state = conn.state();
        return state.kind === kind && state;
      },
      () => `${kind}; the state is ${JSON.stringify(conn.state())}`,
      { timeoutMs },
    );
  return {
    conn,
    signIns,
    def,
    secrets,
    dataDir,
    secretsFile: () => readFile(path.join(dataDir, 'oauth.secrets.json'), 'utf8').catch(() => ''),
    waitFor,
    async beginUrl() {
      const start: SignInStart = await signIns.begin(def);
      if (start.kind !== 'open') throw new Error('expected a URL to open');
      return start.url;
    },
    async call(tool) {
      const registry = { resolve: () => ({ server: def.name, toolName: tool, tool: { name: tool, inputSchema: { type: 'object' as const } } }) };
      const servers = { route: async (name: string) => (name === def.name ? { target: conn } : undefined) };
      const { call, result } = await new ToolCall({ id: `call-${tool}`, name: tool, input: {} }, { registry, servers }, new CallStop()).run();
      if (call.status !== 'done' || !result) throw new Error(call.error ?? `The call ended ${call.status}.`);
      return result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
    },
    async stop() {
      await conn.stop();
      signIns.dispose();
      await listener.close();
    },
    async close() {
      await conn.stop();
      signIns.dispose();
      await listener.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

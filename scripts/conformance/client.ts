// The client the official conformance suite runs for each client scenario: Switchboard's own connection
// (ServerConnection with SignIns, its loopback listener and secret store in a temp folder), pointed at the
// scenario's server. Usage (by the suite): client.ts <server-url>, with MCP_CONFORMANCE_SCENARIO set.
// The person's part of a sign-in (open the page, press Allow) is played by following the redirects.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Tool } from '@modelcontextprotocol/client';
import type { ConnectionState } from '../../app/api/views.ts';
import { FileAuthSecrets, secretKeys } from '../../app/secrets/index.ts';
import { LoopbackListener } from '../../app/auth/loopbackListener.ts';
import { SignIns } from '../../app/auth/signIns.ts';
import { EventHub } from '../../app/base/eventHub.ts';
import { systemClock } from '../../app/base/clock.ts';
import { silentLogger } from '../../app/base/logger.ts';
import { createClientProtocol } from '../../app/protocol/clientProtocol.ts';
import type { OAuthSettings, ServerDefinition } from '../../app/config/serverDefinition.ts';
import { CallStop } from '../../app/base/callStop.ts';
import { ToolCall } from '../../app/routing/toolCall.ts';
import { ServerConnection } from '../../app/servers/serverConnection.ts';

const CIMD_URL = 'https://conformance-test.local/client-metadata.json';
type Call = { name: string; args: Record<string, unknown> };
/**
 * The tools each scenario expects the client to call once connected, in order, given the tools the host holds
 * (absent: list only). A scenario that names its calls in its context (`toolCalls`) gets those.
 */
const TOOLS: Record<string, (tools: Tool[]) => Call[]> = {
  tools_call: () => [{ name: 'add_numbers', args: { a: 5, b: 3 } }],
  'sse-retry': () => [{ name: 'test_reconnection', args: {} }],
  'elicitation-sep1034-client-defaults': () => [{ name: 'test_client_elicitation_defaults', args: {} }],
  // Sends back the input schema exactly as the host keeps it: the suite checks nothing was lost or rewritten.
  'json-schema-2020-12-preservation': (tools) => [
    { name: 'json_schema_echo', args: { schema: tools.find((t) => t.name === 'json_schema_2020_12_tool')?.inputSchema } },
  ],
  // Multi-round-trip calls (the form each asks for is accepted as shown), then an unrelated call between them.
  'sep-2322-client-request-state': () =>
    ['test_mrtr_echo_state', 'test_mrtr_unrelated', 'test_mrtr_no_state', 'test_mrtr_no_result_type'].map((name) => ({ name, args: {} })),
  // The valid tool stays callable beside the ones the SDK dropped for invalid x-mcp-header declarations.
  'http-invalid-tool-headers': () => [{ name: 'valid_tool', args: { region: 'us-west1' } }],
};

interface Context {
  toolCalls?: { name: string; arguments?: Record<string, unknown> }[];
  client_id?: string;
  client_secret?: string;
  private_key_pem?: string;
  /** Enterprise-managed authorization: the IdP as Settings would hold it, and the person's ID token. */
  idp_issuer?: string;
  idp_token_endpoint?: string;
  idp_client_id?: string;
  idp_client_secret?: string;
  idp_id_token?: string;
}

function oauthFor(scenario: string, ctx: Context): { oauth?: OAuthSettings; secret?: string } {
  if (scenario === 'auth/client-credentials-jwt' && ctx.client_id && ctx.private_key_pem) {
    return {
      oauth: { grant: 'client_credentials', clientId: ctx.client_id, clientSecretRef: 'key', tokenEndpointAuthMethod: 'private_key_jwt' },
      secret: ctx.private_key_pem,
    };
  }
  if (scenario === 'auth/client-credentials-basic' && ctx.client_id && ctx.client_secret) {
    return {
      oauth: { grant: 'client_credentials', clientId: ctx.client_id, clientSecretRef: 'secret', tokenEndpointAuthMethod: 'client_secret_basic' },
      secret: ctx.client_secret,
    };
  }
  if (scenario === 'auth/enterprise-managed-authorization' && ctx.client_id && ctx.client_secret) {
    return {
      oauth: { grant: 'enterprise', clientId: ctx.client_id, clientSecretRef: 'secret', tokenEndpointAuthMethod: 'client_secret_basic' },
      secret: ctx.client_secret,
    };
  }
  // DPoP is set up per server (oauth.dpop), as a person would for a server that binds its tokens.
  if (scenario === 'auth/dpop' || scenario === 'auth/dpop-nonce') return { oauth: { grant: 'authorization_code', dpop: true } };
  if (scenario === 'auth/pre-registration' && ctx.client_id && ctx.client_secret) {
    return {
      oauth: { grant: 'authorization_code', clientId: ctx.client_id, clientSecretRef: 'secret', tokenEndpointAuthMethod: 'client_secret_basic' },
      secret: ctx.client_secret,
    };
  }
  return {};
}

/** Plays the person at the authorization server: follows its redirects until one reaches our loopback listener. */
async function approve(url: string): Promise<void> {
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, { redirect: 'manual' });
    const location = response.headers.get('location');
    await response.body?.cancel();
    if (!location) return;
    next = new URL(location, next).href;
    if (new URL(next).hostname === '127.0.0.1' && new URL(next).pathname.includes('callback')) {
      await (await fetch(next)).text();
      return;
    }
  }
}

function waitSettled(conn: ServerConnection, kinds: ConnectionState['kind'][], ms = 20_000): Promise<ConnectionState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const st = conn.state();
      if (kinds.includes(st.kind)) {
        off();
        clearTimeout(timer);
        resolve(st);
      }
    };
    const off = conn.onChange(check);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; the state is ${JSON.stringify(conn.state())}`));
    }, ms);
    check();
  });
}

/** Under the suite's own timeout: a client that waits for ever (a sign-in loop) ends itself, failing. */
const GIVE_UP_MS = 18_000;
/** Sign-ins played per scenario; a host that keeps asking fails the scenario rather than looping. */
const MAX_APPROVALS = 4;
let approvals = 0;

async function playPerson(signIns: SignIns, def: ServerDefinition): Promise<void> {
  if (++approvals > MAX_APPROVALS) throw new Error(`the host asked to sign in more than ${MAX_APPROVALS} times`);
  const start = await signIns.begin(def);
  if (start.kind !== 'open') throw new Error(`sign-in did not give a page to open: ${JSON.stringify(start)}`);
  await approve(start.url);
}

async function main(): Promise<void> {
  setTimeout(() => {
    console.error(`gave up after ${GIVE_UP_MS} ms`);
    process.exit(1);
  }, GIVE_UP_MS).unref();
  const url = process.argv[2];
  const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
  if (!url) throw new Error('usage: client.ts <server-url> (with MCP_CONFORMANCE_SCENARIO set)');
  const ctx = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}') as Context;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-conformance-'));
  const { oauth, secret } = oauthFor(scenario, ctx);
  const secrets = new FileAuthSecrets(dataDir);
  if (oauth?.clientSecretRef && secret) await secrets.write(secretKeys.clientSecret(url, oauth.clientSecretRef), secret);
  const listener = new LoopbackListener();
  const def: ServerDefinition = {
    name: 'conformance',
    transport: { kind: 'auto', url, headers: {}, ...(oauth ? { oauth } : {}) },
    disabled: false,
    disabledTools: [],
  };
  const signIns = new SignIns({
    secrets,
    endpoint: listener,
    clientMetadataUrl: () => CIMD_URL,
    // The identity provider as Settings → Sign-in holds it (issuer, client id, the pasted ID token).
    enterprise: async () =>
      ctx.idp_issuer && ctx.idp_client_id
        ? {
            issuer: ctx.idp_issuer,
            tokenEndpoint: ctx.idp_token_endpoint,
            clientId: ctx.idp_client_id,
            clientSecret: ctx.idp_client_secret,
            idToken: ctx.idp_id_token,
          }
        : undefined,
    onChanged: () => void conn.restart(),
    onSecrets: () => {},
    logger: silentLogger,
    now: () => Date.now(),
  });
  // The host's own client side of the protocol (elicitation, sampling, roots), as createHost builds it.
  const events = new EventHub(silentLogger);
  const protocol = await createClientProtocol({
    dataDir,
    events,
    logger: silentLogger,
    clock: systemClock,
    llm: () => Promise.reject(new Error('no model in the conformance run')),
  });
  // The person accepts every form as it is shown, typing nothing: the host fills in the schema's defaults.
  events.on('elicitation.changed', () => {
    for (const request of protocol.elicitations.pending()) protocol.elicitations.respond(request.id, 'accept', {});
  });
  const conn = new ServerConnection(def, { env: {}, auth: signIns, autoRestart: false, initTimeoutMs: 15_000, clientHooks: protocol.hooks });
  // What the connection did, in the suite's stderr.txt for each scenario.
  conn.onChange(() => console.error(`state: ${JSON.stringify(conn.state())}`));
  conn.onLog((line) => console.error(`log: ${line.level} ${line.text}`));
  try {
    await conn.start();
    for (;;) {
      const st = await waitSettled(conn, ['ready', 'needs-sign-in', 'error', 'stopped']);
      if (st.kind === 'ready') break;
      if (st.kind !== 'needs-sign-in') throw new Error(`not ready: ${JSON.stringify(st)}`);
      await playPerson(signIns, def);
      await waitSettled(conn, ['ready', 'error', 'stopped', 'starting']);
    }
    const tools = conn.tools();
    const wanted =
      ctx.toolCalls?.map((c) => ({ name: c.name, args: c.arguments ?? {} })) ??
      TOOLS[scenario]?.(tools) ??
      (scenario.startsWith('auth/') ? [{ name: 'test-tool', args: {} }] : []);
    for (const w of wanted.filter((w) => tools.some((t) => t.name === w.name))) await callOne(w);
  } finally {
    await conn.stop();
    signIns.dispose();
    await listener.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  async function callOne(wanted: Call): Promise<void> {
    // As the host calls it, a ToolCall: one that meets a step-up waits for the sign-in, so play the person while it runs.
    const tool = conn.tools().find((t) => t.name === wanted.name)!;
    const call = new ToolCall(
      { id: 'conformance', name: wanted.name, input: wanted.args },
      { registry: { resolve: () => ({ server: def.name, toolName: wanted.name, tool }) }, servers: { route: async () => ({ target: conn }) } },
      new CallStop(),
    )
      .run()
      .then(({ call: view, result }) => {
        if (!result) throw new Error(view.error ?? `The call ended ${view.status}.`);
        return result;
      });
    const off = conn.onChange(() => {
      if (conn.state().kind === 'needs-sign-in') {
        playPerson(signIns, def).catch((error: unknown) => {
          console.error(error instanceof Error ? error.message : String(error));
          process.exit(1);
        });
      }
    });
    try {
      const result = await call;
      console.log(JSON.stringify(result).slice(0, 500));
    } catch (error) {
      // A call that fails is shown on its card, as in the app; the suite's checks judge what was sent.
      console.error(`call failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      off();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);

// The composition root: receives the world as parameters and wires the core together.
import path from 'node:path';
import type { HostService } from '../api/contract.ts';
import { HostError } from '../api/errors.ts';
import { ConversationStore, summarize } from '../conversations/conversationStore.ts';
import { tightenDataDir } from '../base/privateDir.ts';
import { EventHub } from '../base/eventHub.ts';
import { FileSecretStore } from '../secrets/fileSecretStore.ts';
import { silentLogger } from '../base/logger.ts';
import { systemClock } from '../base/clock.ts';
import type { HostDeps } from './hostDeps.ts';
import { createHostService, type Handlers } from './hostService.ts';
import { SettingsStore } from './settingsStore.ts';
import { ServersFacade } from './serversFacade.ts';
import { ServerSecrets } from './serverSecrets.ts';
import { ChatSessions } from './chatSessions.ts';
import { AutoTitles } from './autoTitles.ts';
import { ToolApprovals } from './toolApprovals.ts';
import { Notices } from './notices.ts';
import { toolBudget } from './toolBudget.ts';
import { GrantStore } from '../safety/grantStore.ts';
import { ServerTrustStore } from '../safety/serverTrust.ts';
import { Redactor, redactingLogger, secretsOfServer } from '../safety/redaction.ts';
import { createAnthropicClient } from '../llm/anthropicClient.ts';
import { createClientProtocol } from '../protocol/clientProtocol.ts';
import { protocolHandlers } from './protocolHandlers.ts';
import { prepareAttachments } from '../protocol/resourceAttachments.ts';
import { createApps } from './appHandlers.ts';
import { FileAuthSecrets } from '../auth/authSecrets.ts';
import { LoopbackListener } from '../auth/loopbackListener.ts';
import { SignIns } from '../auth/signIns.ts';
import { signInHandlers } from './signInHandlers.ts';
import { retryAfterUrlSteps } from '../protocol/urlElicitationRetry.ts';
import { createInstallHandlers } from './installHandlers.ts';
import { createServerSandbox, sandboxView, setSandbox } from './serverSandboxWiring.ts';

export const HOST_VERSION = '0.1.0';

export async function createHost(deps: HostDeps): Promise<HostService> {
  const clock = deps.clock ?? systemClock;
  await tightenDataDir(deps.dataDir);

  // Secrets never leave the core: every log line, event and result passes this one redactor.
  const redactor = new Redactor();
  const logger = redactingLogger(deps.logger ?? silentLogger, redactor);
  const events = new EventHub(logger, (payload) => redactor.redactDeep(payload));
  const secrets = deps.secrets ?? new FileSecretStore(deps.dataDir, logger);
  const settings = new SettingsStore(deps.dataDir, deps.env, secrets, logger);
  await settings.load();
  const refreshKeySecret = () => redactor.setApiKey(settings.llm().apiKey);
  refreshKeySecret();
  const notices = new Notices(events, clock.now);
  const urlProblem = settings.baseUrlProblem();
  if (urlProblem) notices.add('warning', `${urlProblem} Using ${settings.llm().baseUrl} instead.`);
  if (settings.keyProblem) {
    notices.add('warning', `Your saved API key could not be read (${settings.keyProblem}). Enter it again in Settings.`);
  }
  const serverSecrets = new ServerSecrets(secrets, logger);
  await serverSecrets.load();
  if (serverSecrets.problem) {
    notices.add('warning', `The saved secrets of your servers could not be read (${serverSecrets.problem}). Servers that use them will not start until you type them again.`);
  }
  const grants = new GrantStore({ dataDir: deps.dataDir, logger, clock });
  const trust = new ServerTrustStore({ dataDir: deps.dataDir, logger, clock });
  await Promise.all([grants.load(), trust.load()]);
  // Every data file that was damaged was set aside at load; say so where the person looks.
  for (const problem of [settings.problem, grants.problem, trust.problem]) if (problem) notices.add('warning', problem);
  const conversations = new ConversationStore(deps.dataDir, logger, clock.now);
  const configPath = path.join(deps.dataDir, 'config.json');
  const protocol = await createClientProtocol({
    dataDir: deps.dataDir,
    events,
    logger,
    clock,
    llm: async () => {
      const s = settings.llm();
      return { client: createAnthropicClient({ apiKey: s.apiKey, baseUrl: s.baseUrl, logger, now: clock.now }), model: s.model };
    },
    clients: () => servers,
  });
  for (const problem of protocol.problems) notices.add('warning', problem);
  const loopback = deps.oauthCallback ? undefined : new LoopbackListener();
  const signIns: SignIns = new SignIns({
    secrets: deps.authSecrets ?? new FileAuthSecrets(deps.dataDir),
    endpoint: deps.oauthCallback ?? loopback!,
    clientMetadataUrl: () => settings.clientMetadataUrl(),
    // Reconnect with the new tokens (or none); a disabled or stopped server stays as the person left it.
    onChanged: (name, why) => {
      servers.note(name, why === 'signed-in' ? 'you signed in' : 'you signed out');
      const view = servers.list().find((v) => v.name === name);
      if (!view || view.disabled || view.state.kind === 'stopped') return;
      void servers.restart(name).catch((e: unknown) => logger.warn(`restart after sign-in: ${String(e)}`));
    },
    onSecrets: (name, values) => redactor.set(`oauth:${name}`, values.map((value) => ({ name: 'OAuth token', value })), { always: true }),
    logger,
    now: clock.now,
  });
  // Set once the install side exists (it needs the servers facade); views asked for before that have no origin.
  let originOf: (name: string) => string | undefined = () => undefined;
  const sandbox = createServerSandbox(deps, protocol.roots, (name) => servers.announce([name]), logger);
  const servers = new ServersFacade({
    clientHooks: protocol.hooks,
    sandbox,
    auth: signIns,
    viewExtras: (name, def) => {
      const level = protocol.logLevels.levelOf(name);
      const auth = signIns.view(def);
      const origin = originOf(name);
      return { ...(level ? { logLevel: level } : {}), ...(auth ? { auth } : {}), ...(origin ? { origin } : {}), ...sandboxView(sandbox, name, def) };
    },
    configPath,
    env: deps.env,
    logger,
    clock,
    events,
    watch: deps.watchConfig ?? true,
    trust,
    grants,
    secrets: serverSecrets,
    onDefinitions: (defs) => {
      // The redactor knows the secrets of the servers configured now: a removed server's values are forgotten.
      const current = new Set(defs.map((def) => `server:${def.name}`));
      for (const group of redactor.groupNames()) if (group.startsWith('server:') && !current.has(group)) redactor.delete(group);
      for (const def of defs) redactor.set(`server:${def.name}`, secretsOfServer(def.transport, serverSecrets.storedNames(def.name)));
      redactor.protect(defs.map((def) => def.name));
    },
  });
  const install = await createInstallHandlers({
    dataDir: deps.dataDir,
    home: deps.home ?? deps.env.HOME ?? deps.env.USERPROFILE ?? deps.dataDir,
    platform: deps.platform ?? 'linux',
    env: deps.env,
    ...(deps.env.APPDATA ? { appData: deps.env.APPDATA } : {}),
    workspaces: () => protocol.roots.get().global,
    servers,
    events,
    logger,
    clock,
  });
  originOf = install.originOf;
  const approvals = new ToolApprovals(grants, servers, events, clock.now);
  const invoke = retryAfterUrlSteps(servers.invoke, { elicitations: protocol.elicitations, events });
  const conversationsChanged = async () =>
    events.emit('conversations.changed', { conversations: await conversations.list() });
  const titles = new AutoTitles({
    conversations,
    llm: () => {
      const s = settings.llm();
      if (!s.apiKey) return undefined;
      return { client: createAnthropicClient({ apiKey: s.apiKey, baseUrl: s.baseUrl, logger, now: clock.now }), model: settings.titleModel() };
    },
    announce: () => void conversationsChanged().catch((error: unknown) => logger.warn(`Could not list conversations: ${String(error)}`)),
    logger,
    clock,
  });
  const chat = new ChatSessions({ conversations, settings, servers, approvals, notices, events, logger, clock, titles, invoke, redact: (text) => redactor.redact(text) });
  const apps = createApps({ servers, approvals, chat, resources: protocol.resources, events, conversations, logger, now: clock.now, redactor });

  const handlers: Handlers = {
    'host.info': async () => ({
      version: HOST_VERSION,
      mode: deps.mode,
      dataDir: deps.dataDir,
      configPath,
      notices: notices.list(),
      toolBudget: toolBudget(servers.registry()),
      ...(deps.appSandboxUrl ? { appSandbox: { url: deps.appSandboxUrl } } : {}),
    }),
    'host.newSignInLink': async () => {
      if (!deps.newSignInLink) throw new HostError('unavailable', 'Sign-in links exist only in web mode; this window needs none.');
      return deps.newSignInLink();
    },
    'config.get': async () => servers.configView(),

    'servers.list': async () => servers.list(),
    'servers.upsert': async (p) => servers.upsert(p),
    'servers.remove': async (p) => {
      const removed = await servers.remove(p.name);
      await install.afterRemove(p.name);
      return removed;
    },
    'servers.setDisabled': async (p) => servers.setDisabled(p.name, p.disabled),
    'servers.start': async (p) => servers.start(p.name),
    'servers.stop': async (p) => servers.stop(p.name),
    'servers.restart': async (p) => servers.restart(p.name),
    'servers.setToolEnabled': async (p) => servers.setToolEnabled(p.name, p.tool, p.enabled),
    'servers.logs': async (p) => servers.logs(p.name),
    'servers.import': async (p) => servers.importJson(p.json),

    'settings.get': async () => settings.view(),
    'settings.update': async (p) => {
      await settings.update(p);
      refreshKeySecret();
      const view = settings.view();
      events.emit('settings.changed', view);
      return view;
    },

    'conversations.list': async () => conversations.list(),
    'conversations.search': async (p) => conversations.search(p.query),
    'conversations.get': async (p) => chat.view(await conversations.get(p.id)),
    'conversations.create': async (p) => {
      const created = summarize(await conversations.create(p.title));
      await conversationsChanged();
      return created;
    },
    'conversations.rename': async (p) => {
      const renamed = summarize(await conversations.rename(p.id, p.title));
      await conversationsChanged();
      return renamed;
    },
    'conversations.delete': async (p) => {
      if (chat.isBusy(p.id)) {
        throw new HostError('conflict', 'This conversation is still answering. Stop it first, then delete it.');
      }
      await conversations.delete(p.id);
      await conversationsChanged();
      return { deleted: p.id };
    },

    'chat.send': async (p) => {
      const attachments = p.attachments?.length ? await prepareAttachments(protocol.resources, p.attachments) : undefined;
      return apps.send(p.conversationId, p.text, attachments, p.overToolBudget ? { overToolBudget: p.overToolBudget } : {});
    },
    'chat.cancel': async (p) => ({ cancelled: chat.cancel(p.conversationId) }),
    'chat.retry': async (p) => chat.retry(p.conversationId, p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),

    'tools.decide': async (p) => ({ decided: approvals.decide(p.callId, p.decision) }),
    'approvals.list': async () => approvals.pending(),
    'grants.list': async () => approvals.grantViews(),
    'grants.revoke': async (p) => ({ revoked: await approvals.revoke(p.id) }),
    'servers.approveLaunch': async (p) => servers.approveLaunch(p.name, p.fingerprint),
    'servers.setTrust': async (p) => servers.setTrust(p.name, p),
    'servers.setSandbox': async (p) => setSandbox(servers, p.name, p.sandbox),
    'servers.moveInlineSecrets': async (p) => servers.moveInlineSecrets(p.name),
    ...protocolHandlers(protocol, { servers, chat, events, now: clock.now }),
    ...signInHandlers(signIns, servers, deps.openExternal),
    ...apps.handlers,
    ...install.handlers,
  };

  await servers.open();
  // Read every conversation now, so a damaged file is reported at start, not when first opened.
  await conversations.list();
  for (const damaged of conversations.damaged) {
    notices.add('warning', `The conversation file ${path.basename(damaged.file)} is damaged (${damaged.reason}). It was set aside as ${path.basename(damaged.movedTo)}; the other conversations are fine.`);
  }

  return createHostService(handlers, events, logger, (result) => redactor.redactDeep(result), async () => {
    apps.dispose();
    approvals.dispose();
    titles.dispose();
    protocol.dispose();
    await chat.dispose();
    await servers.dispose();
    await sandbox.dispose();
    signIns.dispose();
    await loopback?.close();
    await install.dispose();
    await conversations.flush();
  });
}

// The composition root: receives the world as parameters and wires the core together.
import path from 'node:path';
import { promises as fs } from 'node:fs';
import type { HostService } from '../api/contract.ts';
import { HostError } from '../api/errors.ts';
import { ConversationStore, summarize } from '../conversations/conversationStore.ts';
import { EventHub } from '../base/eventHub.ts';
import { FileSecretStore } from '../secrets/fileSecretStore.ts';
import { silentLogger } from '../base/logger.ts';
import { systemClock } from '../base/clock.ts';
import type { HostDeps } from './hostDeps.ts';
import { createHostService, type Handlers } from './hostService.ts';
import { SettingsStore } from './settingsStore.ts';
import { ServersFacade } from './serversFacade.ts';
import { ChatSessions } from './chatSessions.ts';
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

export const HOST_VERSION = '0.1.0';

export async function createHost(deps: HostDeps): Promise<HostService> {
  const clock = deps.clock ?? systemClock;
  await fs.mkdir(deps.dataDir, { recursive: true });

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
  if (settings.keyProblem) {
    notices.add('warning', `Your saved API key could not be read (${settings.keyProblem}). Enter it again in Settings.`);
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
  const servers = new ServersFacade({
    clientHooks: protocol.hooks,
    viewExtras: (name) => {
      const level = protocol.logLevels.levelOf(name);
      return level ? { logLevel: level } : {};
    },
    configPath,
    env: deps.env,
    logger,
    clock,
    events,
    watch: deps.watchConfig ?? true,
    trust,
    grants,
    onDefinitions: (defs) => {
      for (const def of defs) redactor.set(`server:${def.name}`, secretsOfServer(def.transport));
    },
  });
  const approvals = new ToolApprovals(grants, servers, events, clock.now);
  const chat = new ChatSessions({ conversations, settings, servers, approvals, notices, events, logger, clock });

  const conversationsChanged = async () =>
    events.emit('conversations.changed', { conversations: await conversations.list() });

  const handlers: Handlers = {
    'host.info': async () => ({
      version: HOST_VERSION,
      mode: deps.mode,
      dataDir: deps.dataDir,
      configPath,
      notices: notices.list(),
      toolBudget: toolBudget(servers.registry()),
    }),
    'config.get': async () => servers.configView(),

    'servers.list': async () => servers.list(),
    'servers.upsert': async (p) => servers.upsert(p),
    'servers.remove': async (p) => servers.remove(p.name),
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
      return chat.send(p.conversationId, p.text, {
        ...(attachments ? { attachments } : {}),
        ...(p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),
      });
    },
    'chat.cancel': async (p) => ({ cancelled: chat.cancel(p.conversationId) }),
    'chat.retry': async (p) => chat.retry(p.conversationId, p.overToolBudget ? { overToolBudget: p.overToolBudget } : {}),

    'tools.decide': async (p) => ({ decided: approvals.decide(p.callId, p.decision) }),
    'approvals.list': async () => approvals.pending(),
    'grants.list': async () => approvals.grantViews(),
    'grants.revoke': async (p) => ({ revoked: await approvals.revoke(p.id) }),
    'servers.approveLaunch': async (p) => servers.approveLaunch(p.name, p.commandLine),
    'servers.setTrust': async (p) => servers.setTrust(p.name, p),
    ...protocolHandlers(protocol, { servers, chat, events, now: clock.now }),
  };

  await servers.open();
  // Read every conversation now, so a damaged file is reported at start, not when first opened.
  await conversations.list();
  for (const damaged of conversations.damaged) {
    notices.add('warning', `The conversation file ${path.basename(damaged.file)} is damaged (${damaged.reason}). It was set aside as ${path.basename(damaged.movedTo)}; the other conversations are fine.`);
  }

  return createHostService(handlers, events, logger, (result) => redactor.redactDeep(result), async () => {
    approvals.dispose();
    protocol.dispose();
    await chat.dispose();
    await servers.dispose();
    await conversations.flush();
  });
}

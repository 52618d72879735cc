// The composition root: receives the world as parameters and builds the core in dependency order.
// Each object gets what it needs in its constructor; nothing is bound later.
import path from 'node:path';
import type { HostService } from '../api/contract.ts';
import { ConversationStore } from '../conversations/conversationStore.ts';
import { tightenDataDir } from '../base/privateDir.ts';
import { EventHub } from '../base/eventHub.ts';
import { FileAuthSecrets, FileSecretStore, isSecretFile, Redactor, redactingLogger, SECRET_FILE_MODE, ServerSecrets } from '../secrets/index.ts';
import { silentLogger } from '../base/logger.ts';
import { systemClock } from '../base/clock.ts';
import { ConfigStore } from '../config/configStore.ts';
import { GrantStore } from '../safety/grantStore.ts';
import { ServerTrustStore } from '../safety/serverTrust.ts';
import { createAnthropicClient } from '../llm/anthropicClient.ts';
import { createClientProtocol, serverRequests } from '../protocol/clientProtocol.ts';
import { TaskCalls } from './taskCalls.ts';
import { SavedTasks } from './savedTasks.ts';
import { AppModelContext } from '../apps/appModelContext.ts';
import { InstallRecord } from '../install/installRecord.ts';
import type { HostDeps } from './hostDeps.ts';
import { createHostService, type Handlers } from './hostService.ts';
import { SettingsStore } from './settingsStore.ts';
import { SecretPlacement } from './secretPlacement.ts';
import { LaunchGate } from './launchGate.ts';
import { ServerFleet } from './serverFleet.ts';
import { ServerManager } from '../servers/serverManager.ts';
import { LogThrottle } from './logThrottle.ts';
import { AccountConnections } from '../routing/accountConnections.ts';
import { ServerTools } from './serverTools.ts';
import { ServerStatus } from './serverStatus.ts';
import { ServerConfig } from './serverConfig.ts';
import { InstallTarget } from './installTarget.ts';
import { createSignIns, reconnectAfterSignIn } from './signInSetup.ts';
import { ChatSessions } from './chatSessions.ts';
import { AutoTitles } from './autoTitles.ts';
import { ToolApprovals } from '../safety/toolApprovals.ts';
import { Notices } from './notices.ts';
import { approvalHandlers, hostHandlers } from './hostHandlers.ts';
import { protocolHandlers } from './protocolHandlers.ts';
import { createApps } from './appHandlers.ts';
import { forgetSignIn, signInHandlers } from './signInHandlers.ts';
import { createInstallHandlers } from './installHandlers.ts';
import { serverHandlers } from './serverHandlers.ts';
import { oauthFormHandlers } from './oauthFormEdit.ts';
import { EnterpriseIdpStore } from './enterpriseIdpStore.ts';
import { conversationHandlers, conversationsChanged } from './conversationHandlers.ts';
import { createServerSandbox } from './serverSandboxWiring.ts';
import { accountHandlers } from './accountHandlers.ts';

export async function createHost(deps: HostDeps): Promise<HostService> {
  const clock = deps.clock ?? systemClock;
  const { dataDir, env } = deps;
  await tightenDataDir(dataDir, { isSecretFile, mode: SECRET_FILE_MODE });

  // Secrets never leave the core: every log line, event and result passes this one redactor.
  const redactor = new Redactor();
  const logger = redactingLogger(deps.logger ?? silentLogger, redactor);
  const events = new EventHub(logger, (payload) => redactor.redactDeep(payload));
  const notices = new Notices(events, clock.now);

  // The data files, each set aside with a notice when damaged.
  const secretStore = deps.secrets ?? new FileSecretStore(dataDir, logger);
  const settings = new SettingsStore(dataDir, env, secretStore, logger);
  const serverSecrets = new ServerSecrets(secretStore, logger);
  const grants = new GrantStore({ dataDir, logger, clock });
  const trust = new ServerTrustStore({ dataDir, logger, clock });
  const installRecord = new InstallRecord(dataDir, logger, clock);
  const authSecrets = deps.authSecrets ?? new FileAuthSecrets(dataDir, { logger });
  // Saved conversations are masked like the screen.
  const conversations = new ConversationStore(dataDir, logger, clock.now, (c) => redactor.redactDeep(c));
  // One after the other where they share the secret store.
  await settings.load();
  await serverSecrets.load();
  const [, , , authProblem] = await Promise.all([grants.load(), trust.load(), installRecord.load(), authSecrets.open()]);
  const refreshKeySecret = () => redactor.setApiKey(settings.llm().apiKey);
  refreshKeySecret();
  reportLoadProblems(notices, settings, serverSecrets, [settings.problem, grants.problem, trust.problem]);
  if (authProblem) notices.add('warning', `${authProblem} Sign in to your remote servers again (and type their client secrets again).`);
  const llm = (model: () => string) => {
    const s = settings.llm();
    return { client: createAnthropicClient({ apiKey: s.apiKey, baseUrl: s.baseUrl, logger, now: clock.now }), model: model() };
  };

  // What servers ask of us (sampling, elicitation, roots), then the servers, then what we ask of them.
  const protocol = await createClientProtocol({ dataDir, events, logger, clock, llm: async () => llm(() => settings.llm().model) });
  for (const problem of protocol.problems) notices.add('warning', problem);
  const enterpriseIdp = new EnterpriseIdpStore(authSecrets, (values) => redactor.setOAuth('enterprise-idp', values));
  await enterpriseIdp.load();
  settings.enterprise = enterpriseIdp;
  const signIns = createSignIns(deps, {
    secrets: authSecrets,
    clientMetadataUrl: () => settings.clientMetadataUrl(),
    enterprise: () => enterpriseIdp.idp(),
    redactor,
    logger,
    clock,
  });
  const configPath = path.join(dataDir, 'config.json');
  const placement = new SecretPlacement(serverSecrets, redactor);
  const store = new ConfigStore(configPath, { logger, resolve: (loaded) => placement.resolve(loaded) });
  const gate = new LaunchGate(store, trust, placement);
  const pidPath = path.join(dataDir, 'servers.pid.json');
  // Local servers run in the OS sandbox; a new refusal re-sends the server's view.
  const sandbox = createServerSandbox(deps, protocol.roots, logger);
  const manager = new ServerManager({ env, logger, clock, pidPath, clientHooks: protocol.hooks, auth: signIns.signIns, sandbox: sandbox.sandbox });
  const fleet = new ServerFleet({ manager, logger, clock, events, gate });
  const requests = serverRequests(protocol, fleet, logger);
  const taskCalls = new TaskCalls(fleet, clock, protocol.elicitations);
  const tools = new ServerTools(fleet, gate, logger, taskCalls);
  const status = new ServerStatus({
    store,
    fleet,
    tools,
    gate,
    trust,
    secrets: placement,
    events,
    clock,
    logLevels: requests.logLevels,
    signIns: signIns.signIns,
    origins: installRecord,
    sandbox: sandbox.sandbox,
  });
  sandbox.onChange((name) => status.emit(name));
  // A call as another signed-in account goes through that account's own connection; its lines join the server's log.
  const accountLogs = new LogThrottle(clock, (name, line) => events.emit('servers.log', { server: name, line }));
  const accounts = new AccountConnections({
    signIns: signIns.signIns,
    servers: manager,
    options: { env, logger, clock, clientHooks: protocol.hooks },
    onChange: (name) => status.emit(name),
    onLog: (name, line) => accountLogs.push(name, line),
  });
  const config = new ServerConfig({ store, secrets: placement, gate, fleet, status, trust, grants, events, logger, watch: deps.watchConfig ?? true });
  signIns.onChanged(reconnectAfterSignIn(fleet, status, logger));
  signIns.onChanged((name, why, change) => {
    if (why === 'signed-in' && change) accounts.signedIn(name, change.account);
    else accounts.close(name, change?.account);
    // One more account (or one fewer) changes the server's page even when its connection stays.
    if (status.find(name)) status.emit(name);
  });

  // The chat: approvals, where calls go (each call's life: routing/toolCall.ts), titles, apps.
  const approvals = new ToolApprovals(grants, gate, fleet, events, clock.now);
  const calls = { servers: accounts, tasks: taskCalls, urlSteps: { dialogs: protocol.elicitations, events }, clock };
  const titles = new AutoTitles({
    conversations,
    llm: () => (settings.llm().apiKey ? llm(() => settings.titleModel()) : undefined),
    announce: () => void conversationsChanged(conversations, events).catch((error: unknown) => logger.warn(`Could not list conversations: ${String(error)}`)),
    logger,
    clock,
  });
  const chat = new ChatSessions({
    conversations,
    settings,
    servers: tools,
    status,
    approvals,
    notices,
    events,
    logger,
    clock,
    titles,
    calls,
    redact: (text) => redactor.redact(text),
  });
  const savedTasks = new SavedTasks({ conversations, tasks: taskCalls, chat, events, logger, clock, redact: (text) => redactor.redact(text) });
  const appContext = new AppModelContext();
  const apps = createApps({
    servers: tools,
    calls,
    approvals,
    chat,
    resources: requests.resources,
    events,
    conversations,
    logger,
    now: clock.now,
    redactor,
    context: appContext,
  });
  const home = deps.home ?? env.HOME ?? env.USERPROFILE ?? dataDir;
  const install = createInstallHandlers({
    dataDir,
    home,
    platform: deps.platform ?? 'linux',
    env,
    ...(env.APPDATA ? { appData: env.APPDATA } : {}),
    workspaces: () => protocol.roots.get().global,
    servers: new InstallTarget(config, status),
    record: installRecord,
    events,
  });

  const handlers: Handlers = {
    ...hostHandlers({ host: deps, configPath, notices, chat, settings, onSettingsChanged: refreshKeySecret, events }),
    ...approvalHandlers(approvals),
    ...serverHandlers({
      config,
      fleet,
      status,
      accountLogs: (name) => accounts.logs(name),
      afterRemove: async (name, def) => {
        await install.afterRemove(name);
        accounts.close(name);
        await forgetSignIn(signIns.signIns, { config, fleet, status }, name, def);
      },
    }),
    ...conversationHandlers({ conversations, chat, appContext, resources: requests.resources, events }),
    'tasks.list': () => savedTasks.list(),
    'tasks.cancel': ({ conversationId, callId }) => Promise.resolve({ cancelled: savedTasks.cancel(conversationId, callId) }),
    ...protocolHandlers(protocol, requests, { status, chat, now: clock.now }),
    ...signInHandlers(signIns.signIns, { config, fleet, status }, deps.openExternal),
    ...accountHandlers(signIns.signIns, { config, status }, conversations),
    ...oauthFormHandlers({ config, secrets: authSecrets, redactor }),
    ...apps.handlers,
    ...install.handlers,
  };

  await config.open();
  // Read every conversation now, so a damaged file is reported at start, not when first opened.
  await conversations.list();
  // Tasks a previous run left running on their servers are followed again (in the background).
  void savedTasks.resumeAll().catch((error: unknown) => logger.warn(`Could not resume saved tasks: ${String(error)}`));
  for (const damaged of conversations.damaged) {
    notices.add(
      'warning',
      `The conversation file ${path.basename(damaged.file)} is damaged (${damaged.reason}). It was set aside as ${path.basename(damaged.movedTo)}; the other conversations are fine.`,
    );
  }

  return createHostService(
    handlers,
    events,
    logger,
    (result) => redactor.redactDeep(result),
    async () => {
      apps.dispose();
      approvals.dispose();
      titles.dispose();
      protocol.dispose();
      // Tasks go on on their servers: closing leaves them open (saved) rather than cancelling them.
      taskCalls.close();
      savedTasks.dispose();
      await chat.dispose();
      config.dispose();
      await fleet.dispose();
      await accounts.dispose();
      accountLogs.dispose();
      await sandbox.sandbox.dispose();
      await signIns.dispose();
      await install.dispose();
      await conversations.flush();
    },
  );
}

/** Says at start, where the person looks, what could not be read. */
function reportLoadProblems(notices: Notices, settings: SettingsStore, serverSecrets: ServerSecrets, damaged: (string | undefined)[]): void {
  const urlProblem = settings.baseUrlProblem();
  if (urlProblem) notices.add('warning', `${urlProblem} Using ${settings.llm().baseUrl} instead.`);
  if (settings.keyProblem) notices.add('warning', `Your saved API key could not be read (${settings.keyProblem}). Enter it again in Settings.`);
  if (serverSecrets.problem) {
    notices.add(
      'warning',
      `The saved secrets of your servers could not be read (${serverSecrets.problem}). Servers that use them will not start until you type them again.`,
    );
  }
  // Every data file that was damaged was set aside at load.
  for (const problem of damaged) if (problem) notices.add('warning', problem);
}

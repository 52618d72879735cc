// The contract's methods about the host itself and its settings, and the approval decisions the person
// makes (tool calls, grants).
import { HostError } from '../api/errors.ts';
import type { EventHub } from '../base/eventHub.ts';
import type { ToolApprovals } from '../safety/toolApprovals.ts';
import type { HostDeps } from './hostDeps.ts';
import type { Handlers } from './hostService.ts';
import type { Notices } from './notices.ts';
import type { ChatSessions } from './chatSessions.ts';
import type { SettingsStore } from './settingsStore.ts';

export const HOST_VERSION = '0.1.0';

type HostMethod = 'host.info' | 'host.newSignInLink' | 'settings.get' | 'settings.update';
type ApprovalMethod = 'tools.decide' | 'approvals.list' | 'grants.list' | 'grants.revoke';

export interface HostHandlerDeps {
  host: Pick<HostDeps, 'mode' | 'dataDir' | 'appSandboxUrl' | 'newSignInLink'>;
  configPath: string;
  notices: Notices;
  chat: Pick<ChatSessions, 'toolBudget'>;
  settings: SettingsStore;
  /** After the settings changed: the redactor learns the API key. */
  onSettingsChanged: () => void;
  events: EventHub;
}

export function hostHandlers({ host, configPath, notices, chat, settings, onSettingsChanged, events }: HostHandlerDeps): Pick<Handlers, HostMethod> {
  return {
    'host.info': async () => ({
      version: HOST_VERSION,
      mode: host.mode,
      dataDir: host.dataDir,
      configPath,
      notices: notices.list(),
      toolBudget: chat.toolBudget(),
      ...(host.appSandboxUrl ? { appSandbox: { url: host.appSandboxUrl } } : {}),
    }),
    'host.newSignInLink': async () => {
      if (!host.newSignInLink) throw new HostError('unavailable', 'Sign-in links exist only in web mode; this window needs none.');
      return host.newSignInLink();
    },
    'settings.get': async () => settings.view(),
    'settings.update': async (p) => {
      await settings.update(p);
      onSettingsChanged();
      const view = settings.view();
      events.emit('settings.changed', view);
      return view;
    },
  };
}

export function approvalHandlers(approvals: ToolApprovals): Pick<Handlers, ApprovalMethod> {
  return {
    'tools.decide': async (p) => ({ decided: approvals.decide(p.callId, p.decision) }),
    'approvals.list': async () => approvals.pending(),
    'grants.list': async () => approvals.grantViews(),
    'grants.revoke': async (p) => ({ revoked: await approvals.revoke(p.id) }),
  };
}

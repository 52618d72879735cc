// The safety slice: tool calls waiting for the person, "always allow" grants, launch approval and per-server trust.
import type { ApprovalDecision, GrantView, PendingApprovalView, SandboxPolicyView, ServerView } from '../../app/api/index.ts';
import { toActionError } from './actionError.ts';
import { newer, applyServersChanged } from './serversSlice.ts';
import { patchRecord, type SliceContext } from './sliceTools.ts';

export interface SafetySlice {
  /** Tool calls waiting for the person, across all conversations. */
  pending: PendingApprovalView[];
  grants: GrantView[];
  /** Calls whose decision is on its way, so buttons do not double-send. */
  deciding: Record<string, boolean | undefined>;
  decideError: Record<string, string | undefined>;
}

export const initialSafety: SafetySlice = { pending: [], grants: [], deciding: {}, decideError: {} };

export interface SafetyActions {
  decideTool(callId: string, decision: ApprovalDecision): Promise<void>;
  revokeGrant(id: string): Promise<void>;
  approveLaunch(name: string, fingerprint: string): Promise<void>;
  setTrust(name: string, trust: { trusted?: boolean; autoApproveReadOnly?: boolean }): Promise<void>;
  /** Writes a local server's sandbox policy; it then waits for launch approval of the new policy. */
  setSandbox(name: string, sandbox: SandboxPolicyView | false): Promise<void>;
}

export function subscribeSafety({ api, set }: SliceContext): (() => void)[] {
  return [
    api.on('approvals.changed', ({ pending }) => set((st) => ({ safety: { ...st.safety, pending } }))),
    api.on('grants.changed', ({ grants }) => set((st) => ({ safety: { ...st.safety, grants } }))),
  ];
}

export function safetyActions({ api, set, notifyError }: SliceContext): SafetyActions & { loadSafety(): Promise<void> } {
  const setSafety = (change: (s: SafetySlice) => SafetySlice) => set((st) => ({ safety: change(st.safety) }));
  const applyView = (view: ServerView) =>
    set((st) => ({ servers: applyServersChanged(st.servers, { kind: 'upsert', view: newer(st.servers.byName[view.name], view) }) }));
  const serverCall = async (name: string, call: () => Promise<ServerView>) => {
    try {
      applyView(await call());
    } catch (error) {
      set((st) => ({ servers: { ...st.servers, actionError: patchRecord(st.servers.actionError, name, toActionError(error)) } }));
    }
  };

  return {
    async loadSafety() {
      const [pending, grants] = await Promise.allSettled([api['approvals.list']({}), api['grants.list']({})]);
      setSafety((s) => ({
        ...s,
        pending: pending.status === 'fulfilled' ? pending.value : s.pending,
        grants: grants.status === 'fulfilled' ? grants.value : s.grants,
      }));
    },
    async decideTool(callId, decision) {
      setSafety((s) => ({ ...s, deciding: patchRecord(s.deciding, callId, true), decideError: patchRecord(s.decideError, callId, undefined) }));
      try {
        await api['tools.decide']({ callId, decision });
        setSafety((s) => ({ ...s, pending: s.pending.filter((p) => p.id !== callId) }));
      } catch (error) {
        setSafety((s) => ({ ...s, decideError: patchRecord(s.decideError, callId, toActionError(error).message) }));
      } finally {
        setSafety((s) => ({ ...s, deciding: patchRecord(s.deciding, callId, false) }));
      }
    },
    async revokeGrant(id) {
      try {
        await api['grants.revoke']({ id });
        setSafety((s) => ({ ...s, grants: s.grants.filter((g) => g.id !== id) }));
      } catch (error) {
        notifyError(toActionError(error).message);
      }
    },
    approveLaunch: (name, fingerprint) => serverCall(name, () => api['servers.approveLaunch']({ server: name, fingerprint })),
    setTrust: (name, trust) => serverCall(name, () => api['servers.setTrust']({ server: name, ...trust })),
    setSandbox: (name, sandbox) => serverCall(name, () => api['servers.setSandbox']({ server: name, sandbox })),
  };
}

// Requests servers make of the person: sampling consent (approve, edit, deny; limits; the log) and
// elicitation (form answers or URL consent).
import type { SamplingLogEntry } from '../../app/api/index.ts';
import type { ProtocolActions, ProtocolSlice } from './protocolSlice.ts';
import { toActionError } from './actionError.ts';
import { omitKey, patchRecord, type SliceContext } from './sliceTools.ts';

const MAX_LOG_ENTRIES = 500;

/** Newest first, one entry per request id. */
export function addLogEntry(log: SamplingLogEntry[], entry: SamplingLogEntry): SamplingLogEntry[] {
  return [entry, ...log.filter((e) => e.id !== entry.id)].slice(0, MAX_LOG_ENTRIES);
}

type RequestActionNames = 'decideSampling' | 'loadSamplingLog' | 'loadSamplingLimits' | 'setSamplingLimits' | 'respondElicitation';

export function requestActions({ api, set }: SliceContext): Pick<ProtocolActions, RequestActionNames> & { loadRequests(): Promise<void> } {
  const setProtocol = (change: (p: ProtocolSlice) => ProtocolSlice) => set((st) => ({ protocol: change(st.protocol) }));

  async function answer(id: string, call: () => Promise<unknown>, drop: (p: ProtocolSlice) => ProtocolSlice) {
    setProtocol((p) => ({ ...p, answering: patchRecord(p.answering, id, true) }));
    try {
      await call();
      setProtocol(drop);
      return null;
    } catch (error) {
      return toActionError(error);
    } finally {
      setProtocol((p) => ({ ...p, answering: omitKey(p.answering, id) }));
    }
  }

  return {
    async loadRequests() {
      const [sampling, elicitations, log] = await Promise.allSettled([api['sampling.list']({}), api['elicitation.list']({}), api['sampling.log']({})]);
      setProtocol((p) => ({
        ...p,
        sampling: sampling.status === 'fulfilled' ? sampling.value : p.sampling,
        elicitations: elicitations.status === 'fulfilled' ? elicitations.value : p.elicitations,
        samplingLog: log.status === 'fulfilled' ? [...log.value].sort((a, b) => b.finishedAt - a.finishedAt) : p.samplingLog,
      }));
    },
    decideSampling(id, decision, edited) {
      return answer(
        id,
        () => api['sampling.decide']({ id, decision, ...(edited ? { edited } : {}) }),
        (p) => ({ ...p, sampling: p.sampling.filter((r) => r.id !== id) }),
      );
    },
    async loadSamplingLog() {
      try {
        const log = await api['sampling.log']({});
        setProtocol((p) => ({ ...p, samplingLog: [...log].sort((a, b) => b.finishedAt - a.finishedAt) }));
      } catch {
        /* the log keeps what arrived live */
      }
    },
    async loadSamplingLimits(server) {
      try {
        const limits = await api['sampling.limits']({ server });
        setProtocol((p) => ({ ...p, samplingLimits: patchRecord(p.samplingLimits, server, limits) }));
      } catch {
        /* shown as loading until the server is known */
      }
    },
    async setSamplingLimits(server, patch) {
      try {
        const limits = await api['sampling.setLimits']({ server, ...patch });
        setProtocol((p) => ({ ...p, samplingLimits: patchRecord(p.samplingLimits, server, limits) }));
        return null;
      } catch (error) {
        return toActionError(error);
      }
    },
    respondElicitation(id, action, content) {
      return answer(
        id,
        () => api['elicitation.respond']({ id, action, ...(content ? { content } : {}) }),
        (p) => ({ ...p, elicitations: p.elicitations.filter((e) => e.id !== id) }),
      );
    },
  };
}

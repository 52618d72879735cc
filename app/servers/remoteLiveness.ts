// Notices a remote server that went away while ready, within seconds: a transport error (the standalone
// GET stream closing, an SSE stream dropping, a failed reconnect) triggers a ping at once, and an idle
// connection gets a keep-alive ping (`server/discover` in the 2026-07-28 era, which has no ping) every `intervalMs`. A ping that fails at the network level or does
// not answer in time means the server is lost; any answer, even an error, means it is alive.
import { type Client, ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import type { Clock } from '../base/clock.ts';
import { ConnectFailure, seconds } from './describeFailure.ts';

export interface LivenessPolicy {
  /** Ping this often while nothing else has been heard. */
  intervalMs: number;
  /** A ping unanswered this long means the server is lost. */
  timeoutMs: number;
}

export const defaultLiveness: LivenessPolicy = { intervalMs: 10_000, timeoutMs: 10_000 };

export interface LivenessWatch {
  /** A transport or protocol error was seen: check now instead of at the next tick. */
  noticeError(): void;
  stop(): void;
}

/**
 * The cheapest request that proves the server answers. The 2026-07-28 era has no `ping`: there the client asks
 * `server/discover` again (stateless, side-effect free), which every 2026 server must answer.
 */
function keepAlive(client: Client, timeout: number): Promise<unknown> {
  return client.getProtocolEra() === 'modern' ? client.discover({ timeout }) : client.ping({ timeout });
}

/** Starts watching a ready remote client; `lost` is called at most once, with the error that proves it. */
export function watchLiveness(client: Client, name: string, policy: LivenessPolicy, clock: Clock, lost: (error: unknown) => void): LivenessWatch {
  let stopped = false;
  let probing = false;
  let tick: { cancel(): void } | undefined;

  const schedule = () => {
    tick?.cancel();
    if (!stopped) tick = clock.setTimeout(() => void probe(), policy.intervalMs);
  };

  const probe = async () => {
    if (stopped || probing) return;
    probing = true;
    tick?.cancel();
    try {
      await keepAlive(client, policy.timeoutMs);
    } catch (error) {
      if (stopped) return;
      if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout) {
        stopped = true;
        return lost(new ConnectFailure({ message: `\`${name}\` stopped answering: a keep-alive ping got no reply within ${seconds(policy.timeoutMs)}.` }));
      }
      // An MCP error answer (even "method not found") comes from a live server.
      if (!(error instanceof ProtocolError)) {
        stopped = true;
        return lost(error);
      }
    } finally {
      probing = false;
    }
    schedule();
  };

  schedule();
  return {
    noticeError: () => void probe(),
    stop() {
      stopped = true;
      tick?.cancel();
    },
  };
}

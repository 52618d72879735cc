// Every limit on the life of a tool call (and of a server's handshake) is named here. Which applies when
// is decided in one place, routing/toolCall.ts, whose header walks a call through them; the files that
// enforce a limit (servers/runningCalls for the running clocks, servers/connectionOptions for the
// handshake) import it from here.
//
// A tool that runs as an MCP task (app/tasks) has no clock of the host's: it lives as long as the task's own
// TTL, asked as TASK_TTL_MS; its status is polled at the server's pollInterval, kept within
// TASK_POLL_MIN_MS..TASK_POLL_MAX_MS, each poll bounded by TASK_REQUEST_TIMEOUT_MS.

/** A tool call's idle clock when the server's entry sets no `toolTimeoutSeconds`. */
export const DEFAULT_TOOL_TIMEOUT_SECONDS = 60;
/** Progress resets a call's idle clock, but the call never runs longer than this many times it. */
export const MAX_TOTAL_TIMEOUT_FACTOR = 10;
/** How often the clocks of running calls are looked at, so a wait on the person is noticed within this. */
export const HOLD_POLL_MS = 250;
/** The SDK's own timer for each call: as late as setTimeout allows, so the host's clocks always decide. */
export const SDK_TIMEOUT_MS = 2 ** 31 - 1;
/** How many times one tool call runs again after URL steps (-32042) the person took, before its failure stands. */
export const MAX_URL_STEP_RETRIES_PER_CALL = 1;
/** How many URL steps of one -32042 are shown to the person (the rest are not). */
export const MAX_URL_STEPS_SHOWN = 5;
/** How long to wait for `notifications/elicitation/complete` after the person opened a URL step, before retrying anyway. */
export const URL_STEP_WAIT_MS = 5 * 60_000;
/** How long a call that met a sign-in (an expired one, or a step-up to more scopes) waits for the person. */
export const SIGN_IN_WAIT_MS = 10 * 60_000;
/** How many sign-ins one tool call waits for (each one runs it again) before its failure stands. */
export const MAX_SIGN_INS_PER_CALL = 4;
/** The TTL a task is asked for (the server may choose another; its answer is the one kept). */
export const TASK_TTL_MS = 60 * 60_000;
/** Polling a task: the server's pollInterval, never faster than the first nor slower than the second. */
export const TASK_POLL_MIN_MS = 100;
export const TASK_POLL_MAX_MS = 30_000;
/** The poll interval when the server suggests none. */
export const TASK_POLL_DEFAULT_MS = 1_000;
/** One tasks/get, tasks/cancel or tasks/update request (tasks/result waits as long as the task). */
export const TASK_REQUEST_TIMEOUT_MS = 30_000;
/** How long a task waits for its server to be ready again (a lost connection, a host restart) before it says so. */
export const TASK_RECONNECT_WAIT_MS = 5 * 60_000;
/** The MCP handshake (and the first tools/list) of a server that is starting (servers/connectionOptions.ts). */
export const INIT_TIMEOUT_MS = 30_000;

/** The two clocks of a call to a server whose entry sets `toolTimeoutSeconds` (or not). */
export function toolCallClocks(toolTimeoutSeconds: number | undefined): { timeoutMs: number; maxTotalTimeoutMs: number } {
  const seconds = toolTimeoutSeconds ?? DEFAULT_TOOL_TIMEOUT_SECONDS;
  return { timeoutMs: seconds * 1000, maxTotalTimeoutMs: seconds * 1000 * MAX_TOTAL_TIMEOUT_FACTOR };
}

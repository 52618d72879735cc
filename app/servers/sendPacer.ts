// How many requests leave for one server per turn of the event loop. A burst of calls (a turn with many
// tool_use blocks, an app calling in a loop) used to be prepared and written in one go: the SDK's work for
// every request ran back to back, the first 64 KB reached the server's stdin (what a pipe holds) and the rest
// waited in the host's buffer until all of them were prepared, so the server sat idle while the host worked
// and the host sat idle while the server caught up. Paced, each slice is written while the next is being
// prepared and the answers to the first are read in between: host and server work at the same time, and the
// event loop stays free for the UI between slices. A call that comes alone goes at once.

/** Requests per turn: a slice is about 1 ms of the SDK's work and far under what a pipe holds. */
export const SENDS_PER_TURN = 64;

export class SendPacer {
  private sentThisTurn = 0;
  private readonly waiting: (() => void)[] = [];
  private turnEnds: ReturnType<typeof setImmediate> | undefined;

  constructor(private readonly perTurn = SENDS_PER_TURN) {}

  /** `undefined` if a request may leave now; otherwise a promise that resolves on the turn it may. */
  turn(): Promise<void> | undefined {
    this.endTurnLater();
    // A full slice is sent before anyone waits, so while requests wait no room is left in this turn.
    if (this.sentThisTurn < this.perTurn) {
      this.sentThisTurn++;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** At the end of this turn (setImmediate runs after the poll for I/O), the next slice may go. */
  private endTurnLater(): void {
    this.turnEnds ??= setImmediate(this.nextTurn);
  }

  private readonly nextTurn = (): void => {
    this.turnEnds = undefined;
    const slice = this.waiting.splice(0, this.perTurn);
    this.sentThisTurn = slice.length;
    for (const go of slice) go();
    if (this.sentThisTurn > 0) this.endTurnLater();
  };
}

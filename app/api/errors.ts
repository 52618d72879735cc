// Errors that cross the contract. The message is for a person; the code is for code.

export type HostErrorCode =
  | 'invalid-params'
  | 'unknown-method'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'too-large'
  | 'rate-limited'
  /** The enabled tools exceed the budget: the person chooses to send anyway or to disable some. */
  | 'over-tool-budget'
  | 'internal';

export interface HostErrorData {
  code: HostErrorCode;
  message: string;
  /** Field-level problems, e.g. from params validation: `{ path: 'entry.url', message }`. */
  issues?: { path: string; message: string }[];
}

export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly issues?: { path: string; message: string }[];

  constructor(code: HostErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    if (issues) this.issues = issues;
  }

  toJSON(): HostErrorData {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }

  static from(data: HostErrorData): HostError {
    return new HostError(data.code, data.message, data.issues);
  }
}

export function isHostErrorData(value: unknown): value is HostErrorData {
  return (
    typeof value === 'object' && value !== null && typeof (value as HostErrorData).code === 'string' && typeof (value as HostErrorData).message === 'string'
  );
}

/** Exhaustiveness check for tagged unions: a new variant breaks the build wherever it matters. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

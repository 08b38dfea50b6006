// What every IPC call returns: a value, or an error the UI can act on and a person can read.

export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'locked',
  'forbidden',
  /** The disk is full: the whole action was rolled back. */
  'disk_full',
  /** The data folder or database file cannot be written (permissions, a write-protected drive): rolled back. */
  'read_only',
  /** The office database server cannot be reached: nothing from the action was saved; try again later. */
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the input field the error is about, when there is one. */
  field?: string;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Thrown by services for failures a person can act on; the dispatcher turns it into an IpcError. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** The error behind this one (kept for the log and for code that classifies it; never shown). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
  }
}

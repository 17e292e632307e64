/** One error family for the whole system: mapped once to HTTP (src/http) and once to CLI exit codes (src/cli). */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BUSY'
  | 'INTERNAL';

/** One problem in an input: where it is (line or row, field) and why, in Vietnamese and English. */
export interface Problem {
  /** The worksheet, for a file with several. */
  sheet?: string;
  line?: number;
  /** The spreadsheet column's letter ("C"); `field` then holds its header. */
  column?: string;
  field?: string;
  reason: string;
  reasonEn?: string;
  value?: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, readonly problems: Problem[]) {
    super('VALIDATION_FAILED', message, { problems });
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: unknown) {
    super('NOT_FOUND', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('CONFLICT', message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: unknown) {
    super('PAYLOAD_TOO_LARGE', message, details);
  }
}

/** No account, a wrong password or an expired session: log in first ("chưa đăng nhập"). */
export class UnauthorizedError extends AppError {
  constructor(message: string, details?: unknown) {
    super('UNAUTHORIZED', message, details);
  }
}

/** Logged in, but this write or read is not yours to make ("không có quyền"). */
export class ForbiddenError extends AppError {
  constructor(message: string, details?: unknown) {
    super('FORBIDDEN', message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(message: string, details?: unknown) {
    super('RATE_LIMITED', message, details);
  }
}

/**
 * Another writer held the database past the bounded wait: nothing of this request was stored, and sending it again
 * later is safe. `details.retryAfterSeconds` says when.
 */
export class BusyError extends AppError {
  constructor(message: string, readonly retryAfterSeconds: number) {
    super('BUSY', message, { retryAfterSeconds });
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BUSY: 503,
  INTERNAL: 500,
};

export const exitCodeOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  UNAUTHORIZED: 5,
  FORBIDDEN: 5,
  PAYLOAD_TOO_LARGE: 2,
  RATE_LIMITED: 6,
  UNSUPPORTED_MEDIA_TYPE: 2,
  BUSY: 7,
  INTERNAL: 1,
};

/** Collects problems while validating a whole batch, then throws them together — nothing is written on failure. */
export class ProblemList {
  readonly items: Problem[] = [];
  add(problem: Problem): void {
    if (this.items.length < 1000) this.items.push(problem.value === undefined ? problem : { ...problem, value: echoable(problem.value) });
  }
  get isEmpty(): boolean {
    return this.items.length === 0;
  }
  throwIfAny(message: string): void {
    if (!this.isEmpty) throw new ValidationError(message, this.items);
  }
}

/** What of a bad value an error may echo back: short scalars only (a nested or huge input is named, not repeated). */
function echoable(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : String(value);
}

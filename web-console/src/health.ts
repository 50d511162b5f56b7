/**
 * Interpretation of Spring Boot's `GET /actuator/health` answer.
 *
 * Actuator replies 200 with `{"status":"UP"}` when healthy and, by default, 503 with
 * `{"status":"DOWN"}` (or `OUT_OF_SERVICE`) when not; custom statuses are possible.
 * The fetching itself lives in main.ts; this module is pure so it can be unit-tested.
 */

export type HealthTone = 'up' | 'down' | 'unknown' | 'unreachable';

export interface HealthView {
  readonly tone: HealthTone;
  /** Short label shown in the badge, e.g. "UP". */
  readonly label: string;
  /** One sentence for people (and screen readers). */
  readonly message: string;
}

/** What a health check produced: an HTTP answer, or a network failure. */
export type HealthOutcome =
  | { readonly kind: 'response'; readonly httpStatus: number; readonly body: unknown }
  | { readonly kind: 'error'; readonly error: unknown };

/** Extracts the `status` field of an actuator body, upper-cased; undefined if absent or malformed. */
export function extractStatus(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) {
    return undefined;
  }
  const status = (body as { status?: unknown }).status;
  if (typeof status !== 'string') {
    return undefined;
  }
  const trimmed = status.trim().toUpperCase();
  return trimmed === '' ? undefined : trimmed;
}

function errorText(error: unknown): string {
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return typeof error === 'string' && error ? error : 'network error';
}

/** Turns the outcome of a health check into what the page shows. */
export function describeHealth(outcome: HealthOutcome): HealthView {
  if (outcome.kind === 'error') {
    return {
      tone: 'unreachable',
      label: 'UNREACHABLE',
      message: `The server could not be reached (${errorText(outcome.error)}).`,
    };
  }
  const status = extractStatus(outcome.body);
  if (status === 'UP') {
    return { tone: 'up', label: 'UP', message: 'The server is up and healthy.' };
  }
  if (status === 'DOWN' || status === 'OUT_OF_SERVICE') {
    return {
      tone: 'down',
      label: status === 'DOWN' ? 'DOWN' : 'OUT OF SERVICE',
      message: `The server reports that it is ${status === 'DOWN' ? 'down' : 'out of service'} (HTTP ${outcome.httpStatus}).`,
    };
  }
  if (status !== undefined) {
    return {
      tone: 'unknown',
      label: status.replace(/_/g, ' '),
      message: `The server reports the status "${status}" (HTTP ${outcome.httpStatus}).`,
    };
  }
  return {
    tone: 'unknown',
    label: 'UNKNOWN',
    message: `The health endpoint answered HTTP ${outcome.httpStatus} without a status.`,
  };
}

/** Pure formatting for the screens: dates, sizes, durations, execution states. */

/** A date-time for people, in the browser's locale and time zone; an em dash when unknown. */
export function formatDateTime(iso: string | null | undefined, locale?: string, timeZone?: string): string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** A byte count: 999 B, 1.5 KB, 12 MB (1024-based, one decimal under 10). */
export function formatBytes(size: number | null | undefined): string {
  if (size == null || !Number.isFinite(size) || size < 0) {
    return '—';
  }
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}

/** A duration: 850 ms, 4.2 s, 3 min 05 s, 2 h 07 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms) || ms < 0) {
    return '—';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const totalSeconds = Math.round(seconds);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export type Tone = 'gray' | 'blue' | 'green' | 'yellow' | 'red' | 'orange';

/** The states of an execution, with the colour and label the status screen shows. */
const STATES: Readonly<Record<string, { label: string; tone: Tone; done: boolean }>> = {
  queued: { label: 'Queued', tone: 'gray', done: false },
  running: { label: 'Running', tone: 'blue', done: false },
  completed: { label: 'Completed', tone: 'green', done: true },
  warning: { label: 'Completed with warnings', tone: 'yellow', done: true },
  failed: { label: 'Failed', tone: 'red', done: true },
  aborted: { label: 'Stopped', tone: 'orange', done: true },
};

export function executionState(status: string): { label: string; tone: Tone; done: boolean } {
  return STATES[status.toLowerCase()] ?? { label: status, tone: 'gray', done: false };
}

/** A progress value clamped to 0..100. */
export function clampProgress(progress: number | null | undefined): number {
  if (progress == null || !Number.isFinite(progress)) {
    return 0;
  }
  return Math.min(100, Math.max(0, Math.round(progress)));
}

/** Splits a comma/semicolon/newline separated list of email addresses, trimmed, without empties or duplicates. */
export function splitEmails(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[,;\n]/)) {
    const email = part.trim();
    if (email) {
      seen.add(email);
    }
  }
  return [...seen];
}

/** The user errors of a payload that concern one input field (input.name or name), by message. */
export function fieldError(errors: readonly { field?: string | null; message: string }[] | undefined, field: string): string | undefined {
  const hit = errors?.find((error) => error.field === field || error.field === `input.${field}` || error.field?.endsWith(`.${field}`));
  return hit?.message;
}

/** The user errors that concern no field the form shows. */
export function otherErrors(
  errors: readonly { field?: string | null; message: string }[] | undefined,
  shownFields: readonly string[],
): string[] {
  return (errors ?? [])
    .filter((error) => !shownFields.some((field) => error.field === field || error.field === `input.${field}` || error.field?.endsWith(`.${field}`)))
    .map((error) => (error.field ? `${error.field.replace(/^input\./, '')}: ${error.message}` : error.message));
}

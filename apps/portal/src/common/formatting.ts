/*
 * One date format everywhere (issue 14): calendar dates `YYYY-MM-DD` (what the API sends for
 * issue and due dates, shown as is), instants `YYYY-MM-DD HH:mm` in the browser's time zone.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

function localParts(date: Date): { day: string; minute: string; second: string } {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  const minute = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return { day, minute, second: `${minute}:${pad(date.getSeconds())}` };
}

/** `2026-03-04 05:06` (local time); '—' for none. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { day, minute } = localParts(date);
  return `${day} ${minute}`;
}

/** `2026-03-04`: a calendar date as is, an instant as its local day; '—' for none. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (CALENDAR_DATE.test(iso)) return iso;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : localParts(date).day;
}

/** `05:06:07` (local time), for "updated at" notes. */
export function formatTime(iso: string | number | Date): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : localParts(date).second;
}

/** `0x1234…abcd`: enough to tell hashes apart in a table; the full value goes in a title. */
export function shortHash(hash: string, head = 10, tail = 6): string {
  return hash.length > head + tail + 1 ? `${hash.slice(0, head)}…${hash.slice(-tail)}` : hash;
}

/** The message of an error thrown by the data provider (an HttpError carries the API's message). */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string') return error;
  return 'The request failed';
}

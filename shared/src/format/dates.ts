/**
 * One date style everywhere, in the UI and in exports: "6 December 2026", with the time as
 * "6 December 2026, 13:40" (the reader's time zone) or "6 December 2026, 13:40 UTC" (exports,
 * which are read anywhere). Month names are spelled out, so no reader takes 6/12 for 12 June.
 */

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export interface DateStyle {
  /** UTC (exports, and calendar days such as `2026-12-06`) or the reader's own time zone. */
  utc?: boolean;
}

function parse(iso: string): Date | null {
  // A calendar day (`YYYY-MM-DD`) is a day, not a moment: read it as that day in UTC.
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parts(d: Date, utc: boolean) {
  return utc
    ? {
        day: d.getUTCDate(),
        month: d.getUTCMonth(),
        year: d.getUTCFullYear(),
        hours: d.getUTCHours(),
        minutes: d.getUTCMinutes(),
      }
    : {
        day: d.getDate(),
        month: d.getMonth(),
        year: d.getFullYear(),
        hours: d.getHours(),
        minutes: d.getMinutes(),
      };
}

/** "6 December 2026"; the input itself when it is not a date. Calendar days are always UTC. */
export function formatDate(iso: string, style: DateStyle = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const utc = style.utc === true || /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const p = parts(d, utc);
  return `${p.day} ${MONTHS[p.month]} ${p.year}`;
}

/** "6 December 2026, 13:40" (reader's zone) or "6 December 2026, 13:40 UTC"; else the input. */
export function formatDateTime(iso: string, style: DateStyle = {}): string {
  const d = parse(iso);
  if (!d) return iso;
  const utc = style.utc === true;
  const p = parts(d, utc);
  const hh = String(p.hours).padStart(2, "0");
  const mm = String(p.minutes).padStart(2, "0");
  return `${p.day} ${MONTHS[p.month]} ${p.year}, ${hh}:${mm}${utc ? " UTC" : ""}`;
}

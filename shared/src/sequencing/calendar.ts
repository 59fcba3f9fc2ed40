/**
 * Calendar arithmetic for sequencing offsets: "Adoption Day + 10 years", "Implementation Day +
 * 1 month", "30 days before Transition Day". Years and months are calendar units, not 365 / 30
 * days: 31 January + 1 month is the last day of February (28 or 29), 29 February 2016 + 1 year is
 * 28 February 2017. Years and months are applied first (clamped to the month's end), then days.
 * Dates are day numbers (days since 1970-01-01, UTC) or `YYYY-MM-DD` strings.
 */

/** A length of time in calendar units; every part a whole, non-negative number. */
export interface CalendarSpan {
  years: number;
  months: number;
  days: number;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function daysInMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/**
 * The day `span` after (or, with `before`, before) `day`. Months and years move the calendar date
 * and clamp to the month's last day; the days are then added or taken away.
 */
export function shiftDay(day: number, span: CalendarSpan, before = false): number {
  const sign = before ? -1 : 1;
  const months = span.years * 12 + span.months;
  let result = day;
  if (months !== 0) {
    const d = new Date(day * DAY_MS);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + sign * months;
    const year = Math.floor(total / 12);
    const month0 = total - year * 12;
    const date = Math.min(d.getUTCDate(), daysInMonth(year, month0));
    result = Math.round(Date.UTC(year, month0, date) / DAY_MS);
    // Years 0–99 are read as 1900–1999 by Date.UTC; sequencing dates never get there.
  }
  return result + sign * span.days;
}

/** `shiftDay` on `YYYY-MM-DD` strings. */
export function shiftDate(date: string, span: CalendarSpan, before = false): string {
  return dayString(shiftDay(dayNumber(date), span, before));
}

/** Whether a span is zero (no offset at all). */
export function isZeroSpan(span: CalendarSpan): boolean {
  return span.years === 0 && span.months === 0 && span.days === 0;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "10 years", "1 year, 2 months and 3 days", "90 days"; "0 days" for zero. */
export function describeSpan(span: CalendarSpan): string {
  const parts = [
    span.years ? plural(span.years, "year") : null,
    span.months ? plural(span.months, "month") : null,
    span.days ? plural(span.days, "day") : null,
  ].filter((s): s is string => s !== null);
  if (parts.length === 0) return "0 days";
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/** "Adoption Day", "Adoption Day + 10 years", "30 days before Transition Day". */
export function describeOffset(base: string, span: CalendarSpan, before = false): string {
  if (isZeroSpan(span)) return base;
  return before ? `${describeSpan(span)} before ${base}` : `${base} + ${describeSpan(span)}`;
}

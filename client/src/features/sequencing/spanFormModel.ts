/**
 * Lengths of time and points in time as the forms edit them: an amount and a unit (days, months,
 * years), and for a point, a milestone and whether the amount is after or before it ("Adoption
 * Day + 10 years", "30 days before Transition Day"). Amounts stay text until saved; a typed
 * amount that is not a whole number is passed on as `NaN` so the shared accessor refuses it with
 * its own message. A stored span of several units ("1 year and 5 days") that one amount cannot
 * say is kept as it is until the person types another amount.
 */
import type { Span, TimeRef } from "@parley/shared/sequencing/index";

export type SpanUnit = "days" | "months" | "years";
export const SPAN_UNITS: readonly SpanUnit[] = ["days", "months", "years"];

export interface SpanValue {
  amount: string;
  unit: SpanUnit;
  /** A stored span that one amount cannot say; used while `amount` is empty. */
  kept?: Span;
}

/** A point relative to a milestone; an empty milestone means "not set". */
export interface TimeFieldValue {
  milestoneId: string;
  span: SpanValue;
  before: boolean;
}

export const ZERO_SPAN: SpanValue = { amount: "0", unit: "days" };
export const NO_TIME: TimeFieldValue = { milestoneId: "", span: ZERO_SPAN, before: false };

/**
 * Amounts as typed: a whole number stays a number, empty is 0, anything else is passed on as
 * `NaN` so that the accessor refuses it with its own message.
 */
export function parseAmount(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A stored span as amount + unit: one unit when it has one; whole months when it has no days. */
export function spanToValue(span: Span): SpanValue {
  const { years, months, days } = span;
  const units = [years, months, days].filter((n) => n !== 0).length;
  if (units === 0) return ZERO_SPAN;
  if (units === 1) {
    if (years) return { amount: String(years), unit: "years" };
    if (months) return { amount: String(months), unit: "months" };
    return { amount: String(days), unit: "days" };
  }
  if (days === 0) return { amount: String(years * 12 + months), unit: "months" };
  return { amount: "", unit: "days", kept: { years, months, days } };
}

export function valueToSpan(value: SpanValue): Span {
  if (value.kept && value.amount.trim() === "") return { ...value.kept };
  const n = parseAmount(value.amount);
  return {
    years: value.unit === "years" ? n : 0,
    months: value.unit === "months" ? n : 0,
    days: value.unit === "days" ? n : 0,
  };
}

export function timeToValue(t: TimeRef | null): TimeFieldValue {
  if (!t) return NO_TIME;
  return {
    milestoneId: t.milestoneId,
    span: spanToValue({
      years: t.offsetYears ?? 0,
      months: t.offsetMonths ?? 0,
      days: t.offsetDays,
    }),
    before: t.before ?? false,
  };
}

/**
 * The stored time reference, or null when no milestone is chosen. Months, years and `before` are
 * written only when used, so a plain "+ 30 days" is stored as before these existed.
 */
export function valueToTime(value: TimeFieldValue): TimeRef | null {
  if (value.milestoneId === "") return null;
  const span = valueToSpan(value.span);
  return {
    milestoneId: value.milestoneId,
    offsetDays: span.days,
    ...(span.months !== 0 ? { offsetMonths: span.months } : {}),
    ...(span.years !== 0 ? { offsetYears: span.years } : {}),
    ...(value.before ? { before: true } : {}),
  };
}

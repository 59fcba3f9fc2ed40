/**
 * Reading stored values that may be invalid. A document can hold anything an old or hostile client
 * wrote; reading never throws: it yields the value, or the raw value marked invalid with a reason,
 * so the UI can show "invalid category: 'bogus'" instead of failing to open the document.
 */
import type { z } from "zod";

export type Checked<T> =
  | { valid: true; value: T }
  | { valid: false; raw: unknown; message: string };

export function checked<T>(schema: z.ZodType<T>, raw: unknown, what: string): Checked<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { valid: true, value: parsed.data };
  return { valid: false, raw, message: `invalid ${what}: ${describe(raw)}` };
}

/** A short printable form of an arbitrary value for error messages. */
export function describe(raw: unknown): string {
  if (raw === undefined) return "missing";
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The value if valid, else `fallback`. */
export function valueOr<T>(value: Checked<T>, fallback: T): T {
  return value.valid ? value.value : fallback;
}

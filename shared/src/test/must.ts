/** Test-only: unwraps a `Result` in a test or fixture, throwing with the refusal's message. */
export function must<T>(
  result: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

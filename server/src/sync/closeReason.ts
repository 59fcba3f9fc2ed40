/**
 * WebSocket close reasons. RFC 6455 allows at most 123 bytes of UTF-8 in a close frame's reason,
 * and `ws` throws when a reason is longer — a throw that used to escape a promise and end the
 * process when a refusal quoted a long Origin. Every close the server sends goes through
 * `closeReason`, so no reason (attacker-chosen text included) can reach that limit.
 */

/** The most bytes a close reason may take (RFC 6455 §5.5: 125 bytes of payload, 2 for the code). */
export const MAX_CLOSE_REASON_BYTES = 123;

const encoder = new TextEncoder();

/**
 * `reason` cut to at most `MAX_CLOSE_REASON_BYTES` of UTF-8, on a character boundary (never half
 * a multi-byte character or surrogate pair); lone surrogates count as the 3 bytes of U+FFFD that
 * the encoder writes for them.
 */
export function closeReason(reason: string): string {
  if (reason.length * 3 <= MAX_CLOSE_REASON_BYTES) return reason;
  if (encoder.encode(reason).byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  let bytes = 0;
  let end = 0;
  for (const char of reason) {
    const size = encoder.encode(char).byteLength;
    if (bytes + size > MAX_CLOSE_REASON_BYTES) break;
    bytes += size;
    end += char.length;
  }
  return reason.slice(0, end);
}

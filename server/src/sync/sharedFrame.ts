/**
 * WebSocket frames built once per broadcast. `ws` frames every send by itself (a fresh header,
 * then one `writev` of header and payload per socket); a room's broadcast hands the same bytes to
 * every connection, so the edge frames them once and writes the finished frame to each socket.
 */

/** Payloads up to this size are framed once and shared; larger ones go through `ws` as usual. */
export const SHARED_FRAME_MAX_PAYLOAD = 0xffff;

const FIN_BINARY = 0x82;
/** Second header byte: a length of 126 says "the length follows in 2 bytes". */
const LENGTH_16 = 126;

/**
 * A complete, unmasked (server to client) final binary frame: header and payload in one buffer.
 * Payloads longer than `SHARED_FRAME_MAX_PAYLOAD` are refused (they need the 8-byte length form).
 */
export function binaryFrame(payload: Uint8Array): Buffer {
  const length = payload.byteLength;
  if (length > SHARED_FRAME_MAX_PAYLOAD) throw new RangeError(`payload of ${length} bytes`);
  const headerBytes = length < LENGTH_16 ? 2 : 4;
  const frame = Buffer.allocUnsafe(headerBytes + length);
  frame[0] = FIN_BINARY;
  if (headerBytes === 2) {
    frame[1] = length;
  } else {
    frame[1] = LENGTH_16;
    frame.writeUInt16BE(length, 2);
  }
  frame.set(payload, headerBytes);
  return frame;
}

/**
 * The frame of the payload sent last. A broadcast sends one `Uint8Array` to every connection in a
 * row, so remembering one payload (by identity) frames each broadcast once.
 */
export class LastFrame {
  private payload: Uint8Array | null = null;
  private frame: Buffer | null = null;

  of(payload: Uint8Array): Buffer {
    if (payload !== this.payload || !this.frame) {
      this.frame = binaryFrame(payload);
      this.payload = payload;
    }
    return this.frame;
  }
}

import { describe, expect, it } from "vitest";
import { binaryFrame, LastFrame, SHARED_FRAME_MAX_PAYLOAD } from "./sharedFrame.js";

/** Reads a server-to-client frame back: opcode, FIN, mask bit, declared length and payload. */
function readFrame(frame: Buffer) {
  const first = frame[0] ?? 0;
  const second = frame[1] ?? 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    length = frame.readUInt16BE(2);
    offset = 4;
  }
  return {
    fin: (first & 0x80) !== 0,
    opcode: first & 0x0f,
    masked: (second & 0x80) !== 0,
    length,
    payload: frame.subarray(offset),
  };
}

function bytes(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7 + 3) & 0xff);
}

describe("binaryFrame", () => {
  it.each([0, 1, 125, 126, 127, 1000, 65535])(
    "frames a payload of %i bytes as one unmasked final binary frame",
    (length) => {
      const payload = bytes(length);
      const frame = readFrame(binaryFrame(payload));
      expect(frame).toMatchObject({ fin: true, opcode: 2, masked: false, length });
      expect(frame.payload.equals(payload)).toBe(true);
    },
  );

  it("uses the 2-byte header below 126 bytes and the 4-byte header from 126", () => {
    expect(binaryFrame(bytes(125)).byteLength).toBe(127);
    expect(binaryFrame(bytes(126)).byteLength).toBe(130);
  });

  it("refuses payloads that need the 8-byte length form", () => {
    expect(() => binaryFrame(bytes(SHARED_FRAME_MAX_PAYLOAD + 1))).toThrow(RangeError);
  });
});

describe("LastFrame", () => {
  it("frames a broadcast's payload once, and a new payload anew", () => {
    const frames = new LastFrame();
    const first = bytes(10);
    const framed = frames.of(first);
    expect(frames.of(first)).toBe(framed);
    const second = bytes(10);
    const reframed = frames.of(second);
    expect(reframed).not.toBe(framed);
    expect(reframed).toEqual(framed);
  });
});

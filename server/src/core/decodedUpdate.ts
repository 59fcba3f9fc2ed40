/**
 * One decode per update. Validation (`messages.ts`), the work estimate (`updateWork.ts`), the
 * client-id check (`clientBindings.ts`) and the write gate's inspections each read the decoded
 * structs and delete set of the same update bytes; decoding them once instead of four or five
 * times takes repeated work off the hot path. Keyed by the bytes object that flows from the parsed
 * message to the apply, and forgotten with it (the write batch keeps it for one event-loop turn).
 * Everyone only reads the decoded structs: they are never integrated.
 */
import * as Y from "yjs";

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

const decoded = new WeakMap<Uint8Array, DecodedUpdate>();

/** `Y.decodeUpdate(update)`, remembered for these bytes. Throws what Yjs throws. */
export function decodeUpdateOnce(update: Uint8Array): DecodedUpdate {
  let result = decoded.get(update);
  if (result === undefined) {
    result = Y.decodeUpdate(update);
    decoded.set(update, result);
  }
  return result;
}

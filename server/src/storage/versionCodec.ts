/**
 * How a version's room states are kept: each one compressed with raw DEFLATE (node:zlib, run on
 * libuv's thread pool, so compressing a large framework does not hold the event loop). Packed
 * before the storage write (outside the write queue, which then only inserts bytes) and unpacked
 * after a read.
 */
import { promisify } from "node:util";
import { deflateRaw, inflateRaw } from "node:zlib";
import type { VersionContent } from "./documentStorage.js";

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/**
 * Largest a version's room state may inflate to (bytes): the room limit itself
 * (`LIMITS.maxDocumentBytes`) is far below; this only bounds a corrupted or hostile row.
 */
const MAX_INFLATED_BYTES = 256 * 1024 * 1024;

export interface VersionStates {
  framework: Uint8Array;
  discussion: Uint8Array;
}

export async function packVersion(states: VersionStates): Promise<VersionContent> {
  const [framework, discussion] = await Promise.all([
    deflate(states.framework, { level: 6 }),
    deflate(states.discussion, { level: 6 }),
  ]);
  return { framework, discussion };
}

export async function unpackVersion(content: VersionContent): Promise<VersionStates> {
  const [framework, discussion] = await Promise.all([
    inflate(content.framework, { maxOutputLength: MAX_INFLATED_BYTES }),
    inflate(content.discussion, { maxOutputLength: MAX_INFLATED_BYTES }),
  ]);
  return { framework, discussion };
}

/** Bytes a packed version takes. */
export function packedBytes(content: VersionContent): number {
  return content.framework.byteLength + content.discussion.byteLength;
}

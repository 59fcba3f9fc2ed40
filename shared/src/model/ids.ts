/**
 * Ids of the structured parts of a framework (terms, brackets, options, parties). Fresh ids are
 * random; ids that repair a duplicate are derived deterministically from the duplicated id, so two
 * clients that repair the same duplicate write the same value and converge.
 */

/** Ids are URL- and room-name-safe: letters, digits, `_` and `-`, 1..64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID_PATTERN.test(value);
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A fresh random id such as `t-k3j9x0a1c2`; `prefix` says what it names (`t` term, `b` bracket…). */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}-${out}`;
}

/** 53-bit string hash (cyrb53): small, pure and identical in every JavaScript engine. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The id that replaces the `attempt`-th colliding copy of `duplicated`: same prefix, a hash suffix.
 * Pure: every client computes the same value from the same document.
 */
export function derivedId(duplicated: string, attempt: number): string {
  const dash = duplicated.indexOf("-");
  const prefix = dash > 0 && dash <= 8 ? duplicated.slice(0, dash) : "x";
  return `${prefix}-${hash53(`${duplicated}#${attempt}`).toString(36).padStart(11, "0")}`;
}

/**
 * Plans the repair of a list of id occurrences (in document order): missing or malformed ids get a
 * fresh random id when `fresh` (just inserted here), else a derived one; for each id used more than once, one occurrence keeps it (the first one not marked
 * `fresh`, else the first) and every other gets `derivedId(id, n)` for the smallest `n` that is
 * free. Returns index → new id for the occurrences to change; an empty map when all is well.
 */
export function planIdRepairs(
  occurrences: ReadonlyArray<{ id: unknown; fresh?: boolean }>,
  prefix: string,
  makeId: (prefix: string) => string = newId,
): Map<number, string> {
  const used = new Set<string>();
  for (const o of occurrences) if (isId(o.id)) used.add(o.id);
  const keeper = new Map<string, number>();
  occurrences.forEach((o, index) => {
    if (!isId(o.id)) return;
    const current = keeper.get(o.id);
    if (current === undefined) keeper.set(o.id, index);
    else if (occurrences[current]?.fresh && !o.fresh) keeper.set(o.id, index);
  });
  const repairs = new Map<number, string>();
  occurrences.forEach((o, index) => {
    if (!isId(o.id)) {
      // A node the user just made gets a random id; one that arrived without an id (old client,
      // remote change) gets a derived one, so every client that repairs it writes the same value.
      let attempt = 1;
      let id = o.fresh ? makeId(prefix) : derivedId(`${prefix}-anonymous`, attempt);
      while (used.has(id))
        id = o.fresh ? makeId(prefix) : derivedId(`${prefix}-anonymous`, ++attempt);
      used.add(id);
      repairs.set(index, id);
      return;
    }
    if (keeper.get(o.id) === index) return;
    let attempt = 1;
    let id = derivedId(o.id, attempt);
    while (used.has(id)) id = derivedId(o.id, ++attempt);
    used.add(id);
    repairs.set(index, id);
  });
  return repairs;
}

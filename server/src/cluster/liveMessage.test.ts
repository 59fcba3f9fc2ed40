/** The live copy of a commit on Redis pub/sub: round trip, and malformed messages refused. */
import { describe, expect, it } from "vitest";
import { decodeLiveCommit, encodeLiveCommit } from "./liveMessage.js";

const updates = [
  { seq: 41, update: new Uint8Array([1, 2, 3]) },
  { seq: 42, update: new Uint8Array([]) },
  { seq: 43, update: new Uint8Array([9, 8, 7, 6]) },
];

describe("live commit messages", () => {
  it("carry the origin, each update with its sequence number, and the bindings", () => {
    const bindings = [{ client: 7, principal: "i-dana" }];
    const decoded = decodeLiveCommit(encodeLiveCommit("origin-a", updates, bindings));
    expect(decoded).toEqual({ origin: "origin-a", updates, bindings });
  });

  it("carry no bindings when the commit bound no client id", () => {
    expect(decodeLiveCommit(encodeLiveCommit("o", updates.slice(0, 1), []))?.bindings).toEqual([]);
  });

  it("are refused when the lengths, the header or its fields do not hold", () => {
    const good = encodeLiveCommit("o", updates, []);
    const header = (value: unknown, rest: Buffer = Buffer.alloc(0)) => {
      const json = Buffer.from(JSON.stringify(value));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(json.byteLength);
      return Buffer.concat([length, json, rest]);
    };
    const bad = [
      Buffer.alloc(0),
      Buffer.from([0, 0]),
      good.subarray(0, good.byteLength - 1),
      Buffer.concat([good, Buffer.from([0])]),
      Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2]),
      header("not an object"),
      header({ o: 1, s: 1, n: [] }),
      header({ o: "o", s: "1", n: [] }),
      header({ o: "o", s: 1, n: [-1] }),
      header({ o: "o", s: 1, n: [1.5] }, Buffer.from([1, 2])),
      header({ o: "o", s: 1, n: [3] }, Buffer.from([1, 2])),
    ];
    const malformedJson = Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from("{x}")]);
    for (const message of [...bad, malformedJson]) expect(decodeLiveCommit(message)).toBeNull();
  });

  it("keep only well-formed bindings", () => {
    const json = Buffer.from(
      JSON.stringify({
        o: "o",
        s: 5,
        n: [1],
        b: [{ client: 3, principal: "p" }, { client: "x" }, 4],
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32BE(json.byteLength);
    const decoded = decodeLiveCommit(Buffer.concat([length, json, Buffer.from([1])]));
    expect(decoded?.bindings).toEqual([{ client: 3, principal: "p" }]);
    expect(decoded?.updates).toEqual([{ seq: 5, update: new Uint8Array([1]) }]);
  });
});

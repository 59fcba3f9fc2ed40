/** The claims of a presence message on the Redis bus come off the network: parsed defensively. */
import { describe, expect, it } from "vitest";
import { parseAwarenessClaims } from "./redisBus.js";

describe("parseAwarenessClaims", () => {
  it("keeps well-formed claims and drops every malformed entry", () => {
    expect(
      parseAwarenessClaims({
        "12": "i-dana",
        "4294967295": "i-bo",
        "-1": "i-neg",
        "1.5": "i-frac",
        x: "i-word",
        "99999999999999999": "i-unsafe",
        "7": 7,
        "8": "",
        "9": null,
      }),
    ).toEqual([
      { client: 12, principal: "i-dana" },
      { client: 4294967295, principal: "i-bo" },
    ]);
  });

  it("reads anything but an object as no claims", () => {
    for (const value of [undefined, null, "i-dana", 12, ["i-dana"], true]) {
      expect(parseAwarenessClaims(value)).toEqual([]);
    }
  });
});

import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { addressKey, clientAddress } from "./clientAddress.js";

function request(peer: string, forwarded?: string): IncomingMessage {
  const socket: Pick<Socket, "remoteAddress"> = { remoteAddress: peer };
  const headers: IncomingMessage["headers"] =
    forwarded === undefined ? {} : { "x-forwarded-for": forwarded };
  return { socket, headers } as IncomingMessage;
}

describe("clientAddress", () => {
  it("is the socket's peer unless proxies are trusted", () => {
    expect(clientAddress(request("10.0.0.1", "1.2.3.4"), 0)).toBe("10.0.0.1");
  });

  it("walks back as many hops as are trusted", () => {
    expect(clientAddress(request("10.0.0.1", "1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientAddress(request("10.0.0.1", "9.9.9.9, 1.2.3.4"), 1)).toBe("1.2.3.4");
    expect(clientAddress(request("10.0.0.1", "9.9.9.9, 1.2.3.4"), 2)).toBe("9.9.9.9");
    expect(clientAddress(request("10.0.0.1", "1.2.3.4"), 5)).toBe("1.2.3.4");
    expect(clientAddress(request("10.0.0.1"), 1)).toBe("10.0.0.1");
  });
});

describe("addressKey", () => {
  it("keys IPv4 (also IPv4-mapped) by address and IPv6 by its /64", () => {
    expect(addressKey("1.2.3.4")).toBe("1.2.3.4");
    expect(addressKey("::ffff:1.2.3.4")).toBe("1.2.3.4");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("x".repeat(500))).toHaveLength(64);
  });
});

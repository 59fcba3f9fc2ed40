/**
 * The client address of a WebSocket upgrade, as the REST side's `trust proxy` reads it: with
 * `trustProxy` = n, the address n hops back along `X-Forwarded-For` (the socket's own peer when
 * n is 0). Per-address limits and audit coalescing key on `addressKey`: an IPv4 address, or the
 * /64 network of an IPv6 address (one subscriber usually holds a whole /64).
 */
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

export function clientAddress(request: IncomingMessage, trustProxy: number): string {
  const peer = request.socket.remoteAddress ?? "unknown";
  if (trustProxy <= 0) return peer;
  const header = request.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .reverse();
  const chain = [peer, ...forwarded];
  return chain[Math.min(trustProxy, chain.length - 1)] ?? peer;
}

/** Expands an IPv6 address to its eight 16-bit groups; null if it is not one. */
function ipv6Groups(address: string): number[] | null {
  const [head = "", tail, extra] = address.split("::");
  if (extra !== undefined) return null;
  const parse = (part: string): number[] =>
    part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0)) return null;
  return [...left, ...new Array<number>(fill).fill(0), ...right];
}

/** The key per-address limits count under (see the module comment). */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIP(address) === 4) return address;
  if (isIP(address) === 6 && !address.includes(".")) {
    const groups = ipv6Groups(address.split("%")[0] ?? address);
    if (groups)
      return `${groups
        .slice(0, 4)
        .map((group) => group.toString(16))
        .join(":")}::/64`;
  }
  // Not an IP (a misconfigured proxy header): keyed as given, but never longer than an address.
  return address.slice(0, 64);
}

// @vitest-environment node
import { CloseCode } from "@parley/shared/protocol";
import { describe, expect, it } from "vitest";
import {
  type ConnectionEvent,
  type ConnectionState,
  closedReasonFor,
  describeConnection,
  initialConnectionState,
  nextConnectionState,
} from "./connectionState.js";

function run(events: ConnectionEvent[], from: ConnectionState = initialConnectionState) {
  return events.reduce(nextConnectionState, from);
}

describe("nextConnectionState", () => {
  it("starts connecting and becomes connected, then synced", () => {
    expect(initialConnectionState).toEqual({ status: "connecting" });
    expect(run([{ type: "connecting" }, { type: "connected" }])).toEqual({
      status: "connected",
      synced: false,
    });
    expect(run([{ type: "connected" }, { type: "synced" }])).toEqual({
      status: "connected",
      synced: true,
    });
  });

  it("goes offline when the first connection attempt fails (server unreachable)", () => {
    expect(run([{ type: "connecting" }, { type: "disconnected" }])).toEqual({
      status: "offline",
      cause: "network",
    });
  });

  it("goes offline when a live connection drops", () => {
    expect(
      run([{ type: "connected" }, { type: "synced" }, { type: "disconnected", code: 1006 }]),
    ).toEqual({ status: "offline", cause: "network" });
  });

  it("stays offline through background retries and leaves it only on a real connection", () => {
    const offline = run([{ type: "disconnected" }]);
    const retrying = run(
      [{ type: "connecting" }, { type: "disconnected" }, { type: "connecting" }],
      offline,
    );
    expect(retrying.status).toBe("offline");
    expect(run([{ type: "connected" }], retrying)).toEqual({ status: "connected", synced: false });
  });

  it("follows the browser's offline and online events", () => {
    const connected = run([{ type: "connected" }, { type: "synced" }]);
    const offline = run([{ type: "browser-offline" }], connected);
    expect(offline).toEqual({ status: "offline", cause: "browser" });
    expect(run([{ type: "browser-online" }], offline)).toEqual({ status: "connecting" });
    // "online" while connected changes nothing
    expect(run([{ type: "browser-online" }], connected)).toBe(connected);
  });

  it("ignores a late 'synced' unless connected", () => {
    const offline = run([{ type: "disconnected" }]);
    expect(run([{ type: "synced" }], offline)).toBe(offline);
  });

  it("closes for good on a permanent close code and ignores everything after", () => {
    const closed = run([
      { type: "connected" },
      { type: "disconnected", code: CloseCode.roomDeleted },
    ]);
    expect(closed).toEqual({ status: "closed", reason: "deleted", code: CloseCode.roomDeleted });
    expect(
      run([{ type: "connecting" }, { type: "connected" }, { type: "browser-online" }], closed),
    ).toBe(closed);
  });

  it("retries on transient server close codes", () => {
    for (const code of [CloseCode.goingAway, CloseCode.rateLimited, CloseCode.internalError]) {
      expect(run([{ type: "connected" }, { type: "disconnected", code }]).status).toBe("offline");
    }
  });
});

describe("closedReasonFor", () => {
  it("maps the server's permanent codes", () => {
    expect(closedReasonFor(CloseCode.unknownRoom)).toBe("not-found");
    expect(closedReasonFor(CloseCode.roomDeleted)).toBe("deleted");
    expect(closedReasonFor(CloseCode.unauthorized)).toBe("unauthorized");
    expect(closedReasonFor(CloseCode.clientTooOld)).toBe("client-too-old");
    expect(closedReasonFor(CloseCode.timeout)).toBeNull();
    expect(closedReasonFor(CloseCode.slowConsumer)).toBeNull();
    expect(closedReasonFor(1006)).toBeNull();
  });
});

describe("describeConnection", () => {
  it("says that offline changes are kept on this device", () => {
    expect(describeConnection({ status: "offline", cause: "network" }).label).toBe(
      "Offline — changes saved on this device",
    );
    expect(describeConnection({ status: "connected", synced: true }).tone).toBe("ok");
    expect(describeConnection({ status: "connecting" }).tone).toBe("busy");
  });
});

/**
 * The connection state machine behind the status indicator. Pure: `collab/room.ts` feeds it
 * the provider's and the browser's events, React renders the state.
 *
 *   connecting ──connected──► connected ──synced──► connected (synced)
 *       │  ▲                      │
 *   closed│  │online          closed / offline
 *       ▼  │                      ▼
 *     offline ◄───────────────────┘        any ──permanent close code──► closed (terminal)
 *
 * While offline the provider keeps retrying in the background; those retries do not flip the
 * indicator back to "connecting" (it would flicker), only a successful connection leaves offline.
 */
import { CloseCode } from "@parley/shared/protocol";

export type ClosedReason =
  | "not-found"
  | "deleted"
  | "unauthorized"
  | "forbidden"
  | "client-too-old"
  | "rejected";

export type ConnectionState =
  | { status: "connecting" }
  | { status: "connected"; synced: boolean }
  | { status: "offline"; cause: "network" | "browser" }
  | { status: "closed"; reason: ClosedReason; code: number };

export type ConnectionEvent =
  /** The provider opens a socket. */
  | { type: "connecting" }
  /** The socket is open. */
  | { type: "connected" }
  /** The first sync exchange with the server finished. */
  | { type: "synced" }
  /** The socket closed or never opened (`code` when the server closed it). */
  | { type: "disconnected"; code?: number }
  | { type: "browser-offline" }
  | { type: "browser-online" };

export const initialConnectionState: ConnectionState = { status: "connecting" };

/** Close codes after which reconnecting cannot help; everything else is retried. */
export function closedReasonFor(code: number): ClosedReason | null {
  switch (code) {
    case CloseCode.unknownRoom:
      return "not-found";
    case CloseCode.roomDeleted:
      return "deleted";
    case CloseCode.unauthorized:
    case CloseCode.revoked:
      return "unauthorized";
    case CloseCode.forbidden:
      return "forbidden";
    case CloseCode.clientTooOld:
      return "client-too-old";
    case CloseCode.malformedMessage:
    case CloseCode.messageTooLarge:
    case CloseCode.clientIdTaken:
    case CloseCode.updateTooComplex:
      return "rejected";
    default:
      return null;
  }
}

export function nextConnectionState(
  state: ConnectionState,
  event: ConnectionEvent,
): ConnectionState {
  if (state.status === "closed") return state;
  switch (event.type) {
    case "connecting":
      return state.status === "offline" ? state : { status: "connecting" };
    case "connected":
      return { status: "connected", synced: false };
    case "synced":
      return state.status === "connected" ? { status: "connected", synced: true } : state;
    case "disconnected": {
      const reason = event.code === undefined ? null : closedReasonFor(event.code);
      if (reason !== null && event.code !== undefined) {
        return { status: "closed", reason, code: event.code };
      }
      if (state.status === "offline") return state;
      return { status: "offline", cause: "network" };
    }
    case "browser-offline":
      return { status: "offline", cause: "browser" };
    case "browser-online":
      return state.status === "offline" ? { status: "connecting" } : state;
  }
}

export interface ConnectionLabel {
  /** Short text for the indicator. */
  label: string;
  /** One sentence for the tooltip / screen readers. */
  detail: string;
  tone: "ok" | "busy" | "warn" | "error";
}

export function describeConnection(state: ConnectionState): ConnectionLabel {
  switch (state.status) {
    case "connecting":
      return { label: "Connecting…", detail: "Connecting to the Parley server.", tone: "busy" };
    case "connected":
      return state.synced
        ? { label: "Connected", detail: "Every change is shared live.", tone: "ok" }
        : { label: "Syncing…", detail: "Exchanging changes with the server.", tone: "busy" };
    case "offline":
      return {
        label: "Offline — changes saved on this device",
        detail:
          state.cause === "browser"
            ? "This device has no network. Keep working: your edits are stored here and merge when you are back online."
            : "The server cannot be reached. Keep working: your edits are stored here and merge when it is back.",
        tone: "warn",
      };
    case "closed":
      return { label: "Disconnected", detail: closedDetail(state.reason), tone: "error" };
  }
}

function closedDetail(reason: ClosedReason): string {
  switch (reason) {
    case "not-found":
      return "This framework does not exist on the server.";
    case "deleted":
      return "This framework was deleted.";
    case "unauthorized":
      return "Your access to this framework has ended. Ask the mediator for a new link.";
    case "forbidden":
      return "Your link does not give access to this framework.";
    case "client-too-old":
      return "Parley was updated. Reload the page to continue.";
    case "rejected":
      return "The server refused a change from this page. Reload the page to continue.";
  }
}

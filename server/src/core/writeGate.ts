/**
 * The write policy of one room: decides, for each incoming update, whether it is applied,
 * silently ignored (a refused role's message that would change nothing, such as the sync step 2
 * every client sends on connect) or refused (dropped, audited). Framework and private rooms are
 * decided per role; the discussion room record by record through a shadow copy.
 * A connection without a principal is trusted (the core's own tests, internal tools).
 */
import { checkDiscussionChanges } from "@parley/shared/access/discussionPolicy";
import { mayWriteRoom, type Principal } from "@parley/shared/access/roles";
import type { RoomName } from "@parley/shared/protocol";
import type * as Y from "yjs";
import { DiscussionShadow } from "./discussionShadow.js";
import { updateChangesDoc } from "./updateInspection.js";

export type GateVerdict =
  | { action: "apply" }
  | { action: "ignore" }
  | { action: "refuse"; reason: string };

const APPLY: GateVerdict = { action: "apply" };

export class WriteGate {
  private readonly shadow: DiscussionShadow | null;
  /** Whether the update being applied was already applied to the shadow by `check`. */
  private inspected = false;

  constructor(
    private readonly room: RoomName | null,
    private readonly doc: Y.Doc,
  ) {
    this.shadow = room?.kind === "discussion" ? new DiscussionShadow(doc) : null;
  }

  check(principal: Principal | null, update: Uint8Array): GateVerdict {
    this.inspected = false;
    if (!principal) return APPLY;
    if (!this.room) return this.refuseIfChanging(update, "unknown room kind");
    const roomDecision = mayWriteRoom(principal, this.room);
    if (!roomDecision.allowed) return this.refuseIfChanging(update, roomDecision.reason);
    if (!this.shadow || principal.role === "mediator") return APPLY;
    const changes = this.shadow.inspect(update);
    if (changes === null) {
      this.shadow.reset();
      return { action: "refuse", reason: "the update depends on state the server does not have" };
    }
    const decision = checkDiscussionChanges(principal, changes);
    if (!decision.allowed) {
      this.shadow.reset();
      return { action: "refuse", reason: decision.reason };
    }
    this.inspected = true;
    return APPLY;
  }

  /** The update `check` allowed was applied to the real document. */
  applied(update: Uint8Array): void {
    if (!this.inspected) this.shadow?.follow(update);
    this.inspected = false;
  }

  /** The update `check` allowed could not be applied after all. */
  abandoned(): void {
    this.inspected = false;
    this.shadow?.reset();
  }

  destroy(): void {
    this.shadow?.destroy();
  }

  private refuseIfChanging(update: Uint8Array, reason: string): GateVerdict {
    return updateChangesDoc(this.doc, update) ? { action: "refuse", reason } : { action: "ignore" };
  }
}

/**
 * The write policy of one room: decides, for each incoming update, whether it is applied,
 * silently ignored (a refused role's message that would change nothing, such as the sync step 2
 * every client sends on connect) or refused (dropped, audited).
 *
 * - Framework room: drafters and mediators write; only a party speaks for itself. A drafter's
 *   update that could touch bracket positions, bracket removals and resolutions, or the parties
 *   (`touchesPartyScopedState`, a cheap look at the decoded update: plain typing stays on the fast
 *   path) is tried on a throwaway copy and checked by `checkFrameworkChanges`. A commenter's update is applied only if it does
 *   nothing but anchor comment threads (`comment--…` formatting of existing text), checked on a
 *   shadow copy, or deletes redundant format items without changing how the text looks (the
 *   clean-up Yjs runs after remote formatting); an anchor that moves or goes must be of a thread
 *   the commenter opened (`commentAnchorOwnership.ts`). Observers write nothing.
 * - Discussion room: mediators write anything; commenters and drafters record by record through
 *   a shadow copy (`checkDiscussionChanges`); observers nothing.
 * - Private room: the party's commenters and up.
 * - Everywhere: an invite token without a fixed name used directly (not exchanged for a personal
 *   token) stands for no one in particular and writes nothing.
 *
 * A connection without a principal is trusted (the core's own tests, internal tools).
 */
import { checkDiscussionChanges } from "@parley/shared/access/discussionPolicy";
import { checkFrameworkChanges } from "@parley/shared/access/frameworkPolicy";
import { snapshotFramework } from "@parley/shared/access/frameworkSnapshot";
import { SHARED_INVITE_READ_ONLY } from "@parley/shared/access/members";
import { mayWriteRoom, type Principal } from "@parley/shared/access/roles";
import type { RoomName } from "@parley/shared/protocol";
import * as Y from "yjs";
import { ShadowDoc } from "../shadowDoc.js";
import { hasPending, updateChangesDoc } from "../updateInspection.js";
import { onlyCommentAnchors, visibleChange } from "./commentAnchorInspection.js";
import { anchorChangesAllowed, ThreadAuthors } from "./commentAnchorOwnership.js";
import { discussionChanges, discussionContext } from "./discussionShadow.js";
import { touchesPartyScopedState } from "./partyScopedInspection.js";

export type GateVerdict =
  | { action: "apply" }
  | { action: "ignore" }
  | { action: "refuse"; reason: string };

const APPLY: GateVerdict = { action: "apply" };
const DEPENDS = "the update depends on state the server does not have";

export class WriteGate {
  private readonly shadow: ShadowDoc | null;
  private readonly threadAuthors: ThreadAuthors;
  /** Whether the update being applied was already applied to the shadow by `check`. */
  private inspected = false;

  /**
   * `discussion`: the document of the framework's discussion room when it is loaded (a framework
   * room reads thread authors from it); null when it is not, which leaves commenters unable to
   * move or remove existing anchors until it is.
   */
  constructor(
    private readonly room: RoomName | null,
    private readonly doc: Y.Doc,
    discussion: () => Y.Doc | null = () => null,
  ) {
    this.shadow = room && room.kind !== "private" ? new ShadowDoc(doc) : null;
    this.threadAuthors = new ThreadAuthors(discussion);
  }

  check(principal: Principal | null, update: Uint8Array): GateVerdict {
    this.inspected = false;
    if (!principal) return APPLY;
    if (!this.room) return this.refuseIfChanging(update, "unknown room kind");
    const roomDecision = mayWriteRoom(principal, this.room);
    if (this.room.kind === "framework" && principal.role === "commenter" && this.shadow) {
      if (!updateChangesDoc(this.doc, update)) return { action: "ignore" };
      if (!principal.personal) return { action: "refuse", reason: SHARED_INVITE_READ_ONLY };
      const reformatted = new Set<Y.XmlText>();
      const anchored = new Set<Y.XmlText>();
      const problems = this.shadow.trial(update, (_shadow, tr) =>
        onlyCommentAnchors(tr, reformatted, anchored),
      );
      // Format items of other keys were deleted (Yjs's formatting clean-up): the text must look
      // the same as in the room's document, which does not have the update yet. And every anchor
      // that moved or went must be the commenter's own.
      if (problems && !problems.some((p) => p !== null)) {
        problems.push(visibleChange(this.doc, reformatted));
        problems.push(anchorChangesAllowed(principal, this.doc, anchored, this.threadAuthors));
      }
      return this.tried(problems);
    }
    if (!roomDecision.allowed) return this.refuseIfChanging(update, roomDecision.reason);
    if (this.room.kind === "framework" && principal.role === "drafter") {
      return touchesPartyScopedState(this.doc, update)
        ? this.partyScoped(principal, update)
        : APPLY;
    }
    if (this.room.kind !== "discussion" || !this.shadow || principal.role === "mediator") {
      return APPLY;
    }
    const decision = this.shadow.trial(update, (shadow, tr) => {
      const verdict = checkDiscussionChanges(
        principal,
        discussionChanges(shadow, this.doc, tr),
        discussionContext(this.doc),
      );
      return verdict.allowed ? null : verdict.reason;
    });
    return this.tried(decision);
  }

  /**
   * Whether `principal`'s updates go straight to the document, with no shadow copy to try them on
   * or keep in step: only then may several be applied in one Yjs transaction (a shadow applies
   * them one by one, and Yjs's formatting clean-ups would then differ between the two copies).
   */
  appliesDirectly(principal: Principal | null): boolean {
    if (this.shadow?.active) return false;
    if (!principal) return true;
    if (!this.room) return false;
    if (this.room.kind === "framework" && principal.role === "commenter") return false;
    if (this.room.kind === "discussion" && principal.role !== "mediator") return false;
    return true;
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
    this.shadow?.reset();
  }

  /**
   * The outcome of a shadow trial: one problem (or null) per transaction, or null as a whole when
   * the update depends on missing state.
   */
  private tried(problems: Array<string | null> | null): GateVerdict {
    const problem = problems === null ? DEPENDS : problems.find((p) => p !== null);
    if (problem === undefined) {
      this.inspected = true;
      return APPLY;
    }
    this.shadow?.reset();
    return { action: "refuse", reason: problem ?? DEPENDS };
  }

  /**
   * A drafter's update that may touch party-scoped state, tried on a throwaway copy (so that the
   * drafter's updates keep going straight to the document: no shadow to keep in step). The
   * room's own shadow, if a commenter made one, follows the update in `applied` as usual.
   */
  private partyScoped(principal: Principal, update: Uint8Array): GateVerdict {
    const trial = new Y.Doc({ gc: this.doc.gc });
    try {
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(this.doc));
      const before = snapshotFramework(trial);
      Y.applyUpdate(trial, update);
      if (hasPending(trial) && !hasPending(this.doc)) return { action: "refuse", reason: DEPENDS };
      const decision = checkFrameworkChanges(principal, before, snapshotFramework(trial));
      return decision.allowed ? APPLY : { action: "refuse", reason: decision.reason };
    } finally {
      trial.destroy();
    }
  }

  private refuseIfChanging(update: Uint8Array, reason: string): GateVerdict {
    return updateChangesDoc(this.doc, update) ? { action: "refuse", reason } : { action: "ignore" };
  }
}

/**
 * The heavy half of versions (Tiptap's schema, loaded on first use): comparing two states by
 * provision with server-recorded authorship, a version's text as ProseMirror JSON, and restoring
 * a version as a forward edit. Saving, listing and reading are `versionStore.ts`; the HTTP router
 * (`http/versionsRouter.ts`) checks roles and input.
 */
import type { Principal } from "@parley/shared/access/roles";
import { frameworkJson } from "@parley/shared/export/fromYDoc";
import type { Actor } from "@parley/shared/model/actor";
import {
  type AuthorIndex,
  authorshipBetween,
  type VersionRoomStates,
} from "@parley/shared/versions/authorshipBetween";
import { compareSnapshots } from "@parley/shared/versions/compare";
import type { Comparison } from "@parley/shared/versions/comparison";
import { type ComparisonHtmlOptions, comparisonToHtml } from "@parley/shared/versions/html";
import { restoreUpdate } from "@parley/shared/versions/restore";
import { type FrameworkSnapshot, frameworkSnapshotOf } from "@parley/shared/versions/snapshot";
import type { JSONContent } from "@tiptap/core";
import type { RoomManager } from "../core/roomManager.js";
import { type ComparisonDocxOptions, renderComparisonDocx } from "../export/docx/comparison.js";
import { renderPdf } from "../export/pdf.js";
import type { DocumentStorage, VersionRecord } from "../storage/documentStorage.js";
import { discussionRoomName, docOf, frameworkRoomName } from "./roomStates.js";
import type { ComparedSide, VersionStore } from "./versionStore.js";

export class VersionService {
  constructor(
    private readonly storage: DocumentStorage,
    private readonly manager: RoomManager,
    private readonly store: VersionStore,
  ) {}

  /** The comparison of two sides by provision, with who made each change. */
  async compare(frameworkId: string, from: ComparedSide, to: ComparedSide): Promise<Comparison> {
    const authors = await this.authorIndex(frameworkId);
    const snapshot = (states: VersionRoomStates) => {
      const framework = docOf(states.framework);
      const discussion = docOf(states.discussion);
      try {
        return frameworkSnapshotOf(framework, discussion);
      } finally {
        framework.destroy();
        discussion.destroy();
      }
    };
    const authorship = authorshipBetween(from.states, to.states, authors);
    return compareSnapshots(snapshot(from.states), snapshot(to.states), authorship);
  }

  /**
   * Restores a version: saves the current state as a "before restore" version, then writes the
   * difference to the version's content into each live room as a server update on behalf of
   * `principal` (stored, then broadcast; concurrent edits merge). Null if the framework is gone.
   */
  async restore(
    frameworkId: string,
    version: ComparedSide & { record: VersionRecord },
    principal: Principal,
    by: Actor,
  ): Promise<{ saved: VersionRecord; changed: boolean } | null> {
    const saved = await this.store.create({
      frameworkId,
      name: `Before restoring "${version.record.name}"`.slice(0, 200),
      note: "",
      kind: "beforeRestore",
      by,
    });
    if (!saved) return null;
    let changed = false;
    const rooms = [
      { name: frameworkRoomName(frameworkId), state: version.states.framework, text: true },
      { name: discussionRoomName(frameworkId), state: version.states.discussion, text: false },
    ];
    for (const room of rooms) {
      const applied = await this.manager.withRoom(room.name, frameworkId, async (live) => {
        const plan = restoreUpdate(live.encodeFullState(), room.state, { text: room.text });
        return plan.update ? live.applyServerUpdate(plan.update, principal) : false;
      });
      changed ||= applied;
    }
    return { saved, changed };
  }

  /** A version's text as ProseMirror JSON and its snapshot (read from throwaway documents). */
  contentOf(states: VersionRoomStates): { document: JSONContent; snapshot: FrameworkSnapshot } {
    const framework = docOf(states.framework);
    const discussion = docOf(states.discussion);
    try {
      const snapshot = frameworkSnapshotOf(framework, discussion);
      // Converting may drop what the schema cannot hold: after the snapshot, on the throwaway doc.
      return { document: frameworkJson(framework), snapshot };
    } finally {
      framework.destroy();
      discussion.destroy();
    }
  }

  comparisonHtml(comparison: Comparison, options: ComparisonHtmlOptions): string {
    return comparisonToHtml(comparison, options);
  }

  /** The comparison as a Word redline: the word diffs as tracked changes. */
  comparisonDocx(comparison: Comparison, options: ComparisonDocxOptions): Promise<Buffer> {
    return renderComparisonDocx(comparison, options);
  }

  /** The comparison's HTML printed to PDF (throws `PdfUnavailableError` without Chromium). */
  comparisonPdf(html: string, title: string, chromiumPath?: string | null): Promise<Buffer> {
    return renderPdf(html, {
      headerText: `Changes: ${title}`,
      ...(chromiumPath === undefined ? {} : { executablePath: chromiumPath }),
    });
  }

  private async authorIndex(frameworkId: string): Promise<AuthorIndex> {
    const bindings = async (room: string) =>
      new Map(
        (await this.storage.loadClientBindings(room)).map(({ client, principal }) => [
          client,
          principal,
        ]),
      );
    const [framework, discussion, members, frameworkDeletions, discussionDeletions] =
      await Promise.all([
        bindings(frameworkRoomName(frameworkId)),
        bindings(discussionRoomName(frameworkId)),
        this.storage.loadMembers(frameworkId),
        this.storage.loadDeletions(frameworkRoomName(frameworkId)),
        this.storage.loadDeletions(discussionRoomName(frameworkId)),
      ]);
    return {
      framework,
      discussion,
      members,
      deletions: { framework: frameworkDeletions, discussion: discussionDeletions },
    };
  }
}

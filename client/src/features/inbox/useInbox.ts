/**
 * The open framework's inbox for the person at this device: their mentions and replies
 * (`shared/model/inbox.ts`) and which they have read. The read state is written to the discussion
 * room under their member id when they may write there (it follows them to other devices);
 * otherwise (observers) it stays on this device.
 */
import {
  type InboxItem,
  inboxItems,
  markInboxRead,
  nextReadIds,
  observeInboxReads,
  readInboxIds,
} from "@parley/shared/model/inbox";
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useWorkspaceAccess } from "../access/workspaceAccess.js";
import { useAuthorId, useThreads } from "../comments/hooks.js";
import { useFramework } from "../framework/FrameworkContext.js";
import { loadLocalReads, onLocalReadsChanged, saveLocalReads } from "./localReads.js";

export interface Inbox {
  items: InboxItem[];
  read: ReadonlySet<string>;
  unreadCount: number;
  markRead(ids: readonly string[]): void;
}

export function useInbox(frameworkId: string): Inbox {
  const { discussion, actor } = useFramework();
  const authorId = useAuthorId();
  const canWrite = useWorkspaceAccess(frameworkId).canWriteDiscussion;
  const { threads, invalid } = useThreads(discussion);
  const member = actor.member;
  const inRoom = canWrite && member !== undefined;
  const person = member ?? authorId;

  const items = useMemo(
    () =>
      inboxItems({ threads, invalid }, { member, authorId, name: actor.name, party: actor.party }),
    [threads, invalid, member, authorId, actor.name, actor.party],
  );

  const readKey = useSyncExternalStore(
    useCallback(
      (listener: () => void) => {
        const offRoom = observeInboxReads(discussion, listener);
        const offLocal = onLocalReadsChanged(listener);
        return () => {
          offRoom();
          offLocal();
        };
      },
      [discussion],
    ),
    () =>
      JSON.stringify([
        ...(inRoom && member !== undefined
          ? readInboxIds(discussion, member)
          : loadLocalReads(frameworkId, person)),
      ]),
  );
  const read = useMemo(() => new Set(JSON.parse(readKey) as string[]), [readKey]);

  const markRead = useCallback(
    (ids: readonly string[]) => {
      const current = items.map((i) => i.id);
      if (inRoom) {
        markInboxRead(discussion, actor, ids, current);
        return;
      }
      const previous = loadLocalReads(frameworkId, person);
      if (ids.every((id) => previous.has(id))) return;
      saveLocalReads(frameworkId, person, nextReadIds(previous, ids, current));
    },
    [items, inRoom, discussion, actor, frameworkId, person],
  );

  const unreadCount = items.filter((i) => !read.has(i.id)).length;
  return { items, read, unreadCount, markRead };
}

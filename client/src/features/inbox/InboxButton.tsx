/**
 * The inbox in the document bar: a button with the number of unread mentions and replies, and a
 * panel listing them (newest first). Opening an item marks it read and shows its thread in the
 * comments margin; "Mark all read" clears the marker.
 */
import "./inbox.css";
import { useEffect, useId, useRef, useState } from "react";
import type { CommentController } from "../comments/commentController.js";
import { formatWhen } from "../comments/when.js";
import { useInbox } from "./useInbox.js";

export function InboxButton({
  frameworkId,
  comments,
}: {
  frameworkId: string;
  comments: CommentController;
}) {
  const inbox = useInbox(frameworkId);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("keydown", onKey);
    };
  }, [open]);

  function openItem(id: string, threadId: string) {
    inbox.markRead([id]);
    setOpen(false);
    comments.onThreadClick(threadId);
    requestAnimationFrame(() => {
      document
        .querySelector(`[data-thread-id="${CSS.escape(threadId)}"]`)
        ?.scrollIntoView({ block: "center" });
    });
  }

  const unread = inbox.unreadCount;
  return (
    <div className="inbox" ref={rootRef}>
      <button
        type="button"
        className="button button-small inbox-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Inbox, ${unread} unread` : "Inbox"}
        onClick={() => setOpen((o) => !o)}
      >
        Inbox
        {unread > 0 && (
          <span className="inbox-badge" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="inbox-panel" aria-label="Mentions and replies">
          <div className="inbox-head">
            <h2 className="inbox-title">Mentions and replies</h2>
            <button
              type="button"
              className="button button-quiet button-small"
              disabled={unread === 0}
              onClick={() => inbox.markRead(inbox.items.map((i) => i.id))}
            >
              Mark all read
            </button>
          </div>
          {inbox.items.length === 0 ? (
            <p className="inbox-empty">
              Nothing yet. When someone @mentions you or your party, or replies in a thread you
              wrote in, it shows here.
            </p>
          ) : (
            <ul className="inbox-list">
              {inbox.items.map((item) => {
                const isUnread = !inbox.read.has(item.id);
                return (
                  <li key={item.id}>
                    <button
                      type="button"
                      className="inbox-item"
                      data-unread={isUnread || undefined}
                      onClick={() => openItem(item.id, item.threadId)}
                    >
                      <span className="inbox-item-head">
                        {isUnread && <span className="visually-hidden">Unread: </span>}
                        <strong>{item.by.name}</strong>{" "}
                        {item.kind === "mention" ? "mentioned you" : "replied"}
                        {" · "}
                        <span className="inbox-when">{formatWhen(item.at)}</span>
                      </span>
                      <span className="inbox-body">{item.body}</span>
                      {item.quote && <span className="inbox-quote">on “{item.quote}”</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

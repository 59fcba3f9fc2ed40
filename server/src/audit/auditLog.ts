/**
 * The audit log writer. Events are buffered and coalesced: events of the same kind from the same
 * connection (same room, identity, action and detail) within one flush window become ONE row with
 * a `count` and the summed `bytes` — one row per connection per write batch, not per keystroke.
 * Rows are written through the server's write queue (so storage never sees two writes at once)
 * every `flushMs`, and on `close()`. Text a client could choose (room, name, party, detail, which
 * may quote a header) is cut to `AUDIT_TEXT_LIMITS` before it is kept.
 */
import type { AuditEvent, AuditSink } from "../core/auditSink.js";
import type { Logger } from "../core/types.js";
import type { AuditRecord, DocumentStorage } from "../storage/documentStorage.js";

export interface AuditLogOptions {
  storage: Pick<DocumentStorage, "appendAudit">;
  /** Runs a storage write after every write queued before it (the RoomManager's queue). */
  run: <T>(task: () => Promise<T>) => Promise<T>;
  logger: Logger;
  flushMs: number;
  now?: () => Date;
}

/** Longest text an audit row keeps per field (characters); longer text is cut and ends in "…". */
export const AUDIT_TEXT_LIMITS = { room: 160, user: 120, party: 120, detail: 400 } as const;

/** `text` cut to at most `max` characters (UTF-16 units), never inside a surrogate pair, marked with "…". */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function capped(text: string | null | undefined, max: number): string | null {
  return text === null || text === undefined ? null : capText(text, max);
}

/** Stands for a missing field in a coalescing key (distinct from an empty string). */
const NONE = "\u0001";

export class AuditLog implements AuditSink {
  private pending = new Map<string, AuditRecord>();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly options: AuditLogOptions) {}

  record(event: AuditEvent): void {
    if (this.closed) return;
    const principal = event.principal ?? null;
    const room = capped(event.room, AUDIT_TEXT_LIMITS.room);
    const inviteId = principal?.inviteId ?? null;
    const detail = capped(event.detail, AUDIT_TEXT_LIMITS.detail);
    // Called for every accepted update: a plain joined key, and the row (with its date) built
    // only for the first event of its kind in this flush window.
    const key = [
      event.connection ?? NONE,
      event.frameworkId,
      event.action,
      room ?? NONE,
      inviteId ?? NONE,
      detail ?? NONE,
    ].join("\u0000");
    const existing = this.pending.get(key);
    if (existing) {
      existing.count += event.count ?? 1;
      existing.bytes += event.bytes ?? 0;
    } else {
      this.pending.set(key, {
        frameworkId: event.frameworkId,
        at: (this.options.now?.() ?? new Date()).toISOString(),
        action: event.action,
        room,
        inviteId,
        user: capped(principal?.name, AUDIT_TEXT_LIMITS.user),
        party: capped(principal?.party, AUDIT_TEXT_LIMITS.party),
        role: principal?.role ?? null,
        bytes: event.bytes ?? 0,
        count: event.count ?? 1,
        detail,
      });
    }
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.options.flushMs);
      this.timer.unref();
    }
  }

  /** Writes everything buffered so far; resolves once it is stored (or failed and was logged). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.options.run(() => this.options.storage.appendAudit(rows));
    } catch (error) {
      this.options.logger.error({ err: error, rows: rows.length }, "audit log write failed");
    }
  }

  /** Flushes and stops accepting events. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}

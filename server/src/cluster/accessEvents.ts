/**
 * Revocations and framework deletions read from PostgreSQL (`access_events`, written by triggers in
 * the revoking or deleting transaction, see pgSchema.ts migration 3), so that every process closes
 * the connections concerned even when the Redis announcement was lost (Redis down or restarting:
 * pub/sub drops messages). Each process reads the table on the catch-up tick and whenever its
 * Redis connection comes back; the pub/sub message stays the fast path, this is the guarantee.
 *
 * Why a transaction horizon rather than "id > last id": `bigserial` ids are handed out before
 * commit, so a transaction holding id 7 may commit after one holding id 8; a reader that had moved
 * past 8 would never see 7. Instead each read returns the events of every transaction not known to
 * be finished at the previous read (`xid >= previous xmin`, where every transaction below a
 * snapshot's xmin has ended, so its events are visible or were rolled back). Events already handled
 * are skipped by id.
 */
import type pg from "pg";
import type { Logger } from "../core/types.js";

export type AccessEvent =
  | { kind: "inviteRevoked"; inviteId: string }
  | { kind: "frameworkDeleted"; frameworkId: string };

export interface AccessEventsOptions {
  pool: Pick<pg.Pool, "query">;
  /** Milliseconds between reads (the catch-up tick, `PARLEY_CATCH_UP_MS`). */
  intervalMs: number;
  logger: Logger;
  handle(event: AccessEvent): void;
}

/** Events older than this are deleted (by whichever process reads next): nobody needs them. */
const KEEP_EVENTS = "1 day";
/** Reads between two clean-ups of old events. */
const READS_PER_CLEANUP = 3600;

interface EventsRow {
  horizon: string;
  events: Array<{ id: string; kind: string; subject: string }>;
}

export class AccessEvents {
  private horizon: string | null = null;
  /** Ids returned by the previous read: the next one returns them again while their xid >= horizon. */
  private handled = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  private reads = 0;
  private stopped = false;

  constructor(private readonly options: AccessEventsOptions) {}

  /** Takes the starting horizon (events before it closed nothing here: no connection existed). */
  async start(): Promise<void> {
    const result = await this.options.pool.query<{ horizon: string }>(
      "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon",
    );
    this.horizon = result.rows[0]?.horizon ?? null;
    this.timer = setInterval(() => this.poll(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Reads now (a read in progress is followed by one more). Never rejects. */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          await this.read();
        } catch (error) {
          this.options.logger.warn({ err: error }, "reading access events failed (retried)");
        }
      } while (this.again && !this.stopped);
      this.reading = null;
    })();
    return this.reading;
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this.reading ?? Promise.resolve();
  }

  private async read(): Promise<void> {
    if (this.horizon === null) return;
    // One statement, one snapshot: the horizon and the events are read together.
    const result = await this.options.pool.query<EventsRow>(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon,
         COALESCE((SELECT json_agg(json_build_object('id', id::text, 'kind', kind,
           'subject', subject) ORDER BY id) FROM access_events WHERE xid >= $1::xid8),
           '[]'::json) AS events`,
      [this.horizon],
    );
    const row = result.rows[0];
    if (!row || this.stopped) return;
    const returned = new Set<string>();
    for (const event of row.events) {
      returned.add(event.id);
      if (this.handled.has(event.id)) continue;
      const parsed = asEvent(event.kind, event.subject);
      if (parsed) this.options.handle(parsed);
    }
    this.handled = returned;
    this.horizon = row.horizon;
    this.reads += 1;
    if (this.reads % READS_PER_CLEANUP === 1) {
      await this.options.pool.query(
        `DELETE FROM access_events WHERE at < now() - interval '${KEEP_EVENTS}'`,
      );
    }
  }
}

function asEvent(kind: string, subject: string): AccessEvent | null {
  if (kind === "inviteRevoked") return { kind, inviteId: subject };
  if (kind === "frameworkDeleted") return { kind, frameworkId: subject };
  return null;
}

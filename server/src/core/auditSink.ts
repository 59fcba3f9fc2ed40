/**
 * Where the core reports what it applied and refused. The core owns this interface; the edge
 * passes in the audit log (`audit/auditLog.ts`), tests pass a recorder or `silentAudit`.
 */
import type { Principal } from "@parley/shared/access/roles";
import type { AuditAction } from "@parley/shared/api";

export interface AuditEvent {
  frameworkId: string;
  action: AuditAction;
  room?: string | null;
  principal?: Principal | null;
  /** Coalescing key of the connection (events of different connections never merge). */
  connection?: number | null;
  bytes?: number;
  /** How many events this one stands for (default 1): a room reports a batch's updates at once. */
  count?: number;
  detail?: string | null;
}

/** What the core and the edges write to. */
export interface AuditSink {
  record(event: AuditEvent): void;
}

export const silentAudit: AuditSink = { record() {} };

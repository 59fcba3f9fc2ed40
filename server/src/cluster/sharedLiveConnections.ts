/**
 * Live connections across processes: revoking an invite here closes its connections here and
 * tells every other process to close theirs (see `RedisBus` control messages; `AccessEvents`
 * delivers the same revocations from PostgreSQL when the message is lost).
 */
import { CloseCode } from "@parley/shared/protocol";
import { LiveConnections } from "../access/liveConnections.js";

/** Revoked invites remembered (the oldest are forgotten first). */
const REMEMBERED_REVOCATIONS = 10_000;

export class SharedLiveConnections extends LiveConnections {
  /**
   * Invites known to be revoked. A connection whose token was checked just before the revocation
   * committed may register only after this process closed that invite's connections; it is closed
   * as it registers.
   */
  private readonly revoked = new Set<string>();

  constructor(private readonly announce: (inviteId: string) => void) {
    super();
  }

  override register(
    inviteId: string,
    expiresAt: Date,
    close: (code: number, reason: string) => void,
  ): () => void {
    if (this.revoked.has(inviteId)) {
      close(CloseCode.revoked, "invite revoked");
      return () => undefined;
    }
    return super.register(inviteId, expiresAt, close);
  }

  override closeInvite(inviteId: string, code: number, reason: string): number {
    this.remember(inviteId);
    this.announce(inviteId);
    return super.closeInvite(inviteId, code, reason);
  }

  /** Another process revoked the invite: close its connections of this process. */
  closeLocal(inviteId: string, code: number, reason: string): number {
    this.remember(inviteId);
    return super.closeInvite(inviteId, code, reason);
  }

  private remember(inviteId: string): void {
    this.revoked.add(inviteId);
    if (this.revoked.size > REMEMBERED_REVOCATIONS) {
      const oldest = this.revoked.values().next().value;
      if (oldest !== undefined) this.revoked.delete(oldest);
    }
  }
}

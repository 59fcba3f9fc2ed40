/**
 * Live connections across processes: revoking an invite here closes its connections here and
 * tells every other process to close theirs (see `RedisBus` control messages).
 */
import { LiveConnections } from "../access/liveConnections.js";

export class SharedLiveConnections extends LiveConnections {
  constructor(private readonly announce: (inviteId: string) => void) {
    super();
  }

  override closeInvite(inviteId: string, code: number, reason: string): number {
    this.announce(inviteId);
    return super.closeInvite(inviteId, code, reason);
  }

  /** Another process revoked the invite: close its connections of this process. */
  closeLocal(inviteId: string, code: number, reason: string): number {
    return super.closeInvite(inviteId, code, reason);
  }
}

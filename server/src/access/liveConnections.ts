/**
 * The live connections of each invite: revoking an invite closes them at once (`revoked`), and
 * each connection is closed when its token expires (`unauthorized`).
 */
import { CloseCode } from "@parley/shared/protocol";

type CloseFn = (code: number, reason: string) => void;

interface Entry {
  close: CloseFn;
  timer: NodeJS.Timeout | null;
}

/** setTimeout's longest delay; longer expiries re-arm. */
const MAX_DELAY_MS = 2_147_483_647;

export class LiveConnections {
  private readonly byInvite = new Map<string, Set<Entry>>();

  /** Tracks a connection until the returned function is called (on disconnect). */
  register(inviteId: string, expiresAt: Date, close: CloseFn): () => void {
    const entry: Entry = { close, timer: null };
    const arm = () => {
      const delay = expiresAt.getTime() - Date.now();
      if (delay <= 0) {
        release();
        close(CloseCode.unauthorized, "token expired");
        return;
      }
      entry.timer = setTimeout(arm, Math.min(delay, MAX_DELAY_MS));
      entry.timer.unref();
    };
    const release = () => {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      const set = this.byInvite.get(inviteId);
      set?.delete(entry);
      if (set?.size === 0) this.byInvite.delete(inviteId);
    };
    let set = this.byInvite.get(inviteId);
    if (!set) {
      set = new Set();
      this.byInvite.set(inviteId, set);
    }
    set.add(entry);
    arm();
    return release;
  }

  /** Closes every live connection of an invite; returns how many. */
  closeInvite(inviteId: string, code: number, reason: string): number {
    const set = this.byInvite.get(inviteId);
    if (!set) return 0;
    this.byInvite.delete(inviteId);
    for (const entry of set) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.close(code, reason);
    }
    return set.size;
  }
}

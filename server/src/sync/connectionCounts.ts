/** Open connections per key (a client address): counted from the upgrade until the socket closes. */
export class ConnectionCounts {
  private readonly counts = new Map<string, number>();

  /** Counts one more connection under `key`; the returned function (idempotent) counts it out. */
  add(key: string): () => void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) this.counts.set(key, left);
      else this.counts.delete(key);
    };
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

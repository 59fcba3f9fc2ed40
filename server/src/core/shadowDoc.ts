/**
 * A shadow copy of a room's document, used to see exactly what an update would change before it
 * touches the real document: the update is applied to the shadow in one transaction, which an
 * inspector reads. If the update is refused, the shadow is rebuilt from the real document; if it
 * is allowed, the real document gets the same update and both stay equal.
 */
import * as Y from "yjs";
import { hasPending } from "./updateInspection.js";

export class ShadowDoc {
  private shadow: Y.Doc | null = null;

  constructor(private readonly real: Y.Doc) {}

  /**
   * Applies `update` to the shadow and returns what `inspect` makes of each transaction it caused
   * (applying an update can run a second, clean-up transaction, e.g. for text formatting), or
   * null if it left structs pending that the real document does not have pending (the update
   * depends on state the server lacks).
   */
  trial<T>(update: Uint8Array, inspect: (shadow: Y.Doc, tr: Y.Transaction) => T): T[] | null {
    const shadow = this.ensure();
    const results: T[] = [];
    // Inspected in the transaction's clean-up, while deleted items can still be iterated.
    const capture = (tr: Y.Transaction) => {
      results.push(inspect(shadow, tr));
    };
    shadow.on("afterTransaction", capture);
    try {
      Y.applyUpdate(shadow, update);
    } catch (error) {
      // The copy may hold part of the update: drop it (the next trial rebuilds it from the real
      // document) and let the caller refuse the update.
      this.reset();
      throw error;
    } finally {
      shadow.off("afterTransaction", capture);
    }
    if (hasPending(shadow) && !hasPending(this.real)) return null;
    return results;
  }

  /** The copy as it is now (built from the real document if there is none). */
  current(): Y.Doc {
    return this.ensure();
  }

  /** Whether the copy exists (it is built on the first trial and kept in step after it). */
  get active(): boolean {
    return this.shadow !== null;
  }

  /**
   * The real document applied an update that was not tried here. If the copy cannot follow, it
   * is dropped and rebuilt from the real document by the next trial (it is only a copy).
   */
  follow(update: Uint8Array): void {
    if (!this.shadow) return;
    try {
      Y.applyUpdate(this.shadow, update);
    } catch {
      this.reset();
    }
  }

  /** The last tried update was refused: start again from the real document. */
  reset(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }

  private ensure(): Y.Doc {
    if (!this.shadow) {
      this.shadow = new Y.Doc({ gc: this.real.gc });
      Y.applyUpdate(this.shadow, Y.encodeStateAsUpdate(this.real));
    }
    return this.shadow;
  }
}

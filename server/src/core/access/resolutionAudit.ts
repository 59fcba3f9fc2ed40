/**
 * Audits bracket resolutions in a framework room: whenever a record of the `bracketResolutions`
 * map is written, the audit log gets who resolved (or reopened) which bracket, the chosen text and
 * the text that was dropped. Only records written through a connection are reported (not the
 * room's stored state loading).
 */
import { type BracketResolution, bracketResolutionSchema } from "@parley/shared/model/bracket";
import { resolutionsMap } from "@parley/shared/model/maps";
import type * as Y from "yjs";

export type ResolutionAction = "bracket.resolved" | "bracket.reopened";

function quoted(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

/** The audit detail of a resolution: the chosen text and the dropped ones. */
export function describeResolution(record: BracketResolution): string {
  const dropped = record.options.filter((o) => o.optionId !== record.optionId);
  const droppedText =
    dropped.length > 0 ? dropped.map((o) => quoted(o.text)).join(", ") : "nothing";
  return `bracket ${record.bracketId}${record.termId ? ` in term ${record.termId}` : ""}: chose option ${record.optionId} ${quoted(record.text)}; dropped ${droppedText}`;
}

/** Calls `report` for each resolution record a transaction with a non-null origin writes. */
export function watchResolutions(
  doc: Y.Doc,
  report: (origin: unknown, action: ResolutionAction, detail: string) => void,
): () => void {
  const map = resolutionsMap(doc);
  const observer = (event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    if (transaction.origin === null) return;
    event.changes.keys.forEach((change, key) => {
      if (change.action === "delete") return;
      const record = bracketResolutionSchema.safeParse(map.get(key));
      if (!record.success) return;
      const before = bracketResolutionSchema.safeParse(change.oldValue);
      const reopenedNow =
        record.data.reopened !== undefined &&
        (!before.success || before.data.reopened?.at !== record.data.reopened.at);
      if (reopenedNow) {
        report(
          transaction.origin,
          "bracket.reopened",
          `reopened ${describeResolution(record.data)}`,
        );
      } else {
        report(transaction.origin, "bracket.resolved", describeResolution(record.data));
      }
    });
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}

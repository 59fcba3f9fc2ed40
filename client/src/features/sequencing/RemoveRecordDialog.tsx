/** "Remove this record?", listing what still refers to it (those references will dangle). */
import type { IncomingRef, RecordKind } from "@parley/shared/sequencing/index";
import { ConfirmDialog } from "../documents/ConfirmDialog.js";
import { actorsShort } from "./choices.js";
import type { SequencingState } from "./sequencingStore.js";

const KIND_LABEL: Record<RecordKind, string> = {
  step: "step",
  milestone: "milestone",
  mechanism: "verification mechanism",
  guarantee: "guarantee",
  proposal: "proposal",
  side: "side",
  body: "body",
};

export function recordName(state: SequencingState, kind: RecordKind, id: string): string {
  const { snapshot } = state;
  switch (kind) {
    case "step": {
      const s = snapshot.steps.find((x) => x.id === id);
      return s ? `${actorsShort(state, s)}: ${s.action}` : id;
    }
    case "milestone":
      return snapshot.milestones.find((x) => x.id === id)?.name ?? id;
    case "mechanism":
      return snapshot.mechanisms.find((x) => x.id === id)?.name ?? id;
    case "guarantee":
      return snapshot.guarantees.find((x) => x.id === id)?.obligation ?? id;
    case "proposal":
      return snapshot.proposals.find((x) => x.id === id)?.name ?? id;
    case "side":
      return snapshot.sides.find((x) => x.id === id)?.name ?? id;
    case "body":
      return snapshot.bodies.find((x) => x.id === id)?.name ?? id;
  }
}

export function RemoveRecordDialog(props: {
  state: SequencingState;
  kind: RecordKind;
  id: string;
  title: string;
  references: IncomingRef[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { state, references } = props;
  return (
    <ConfirmDialog
      title={props.title}
      confirmLabel="Remove"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    >
      <p>“{recordName(state, props.kind, props.id)}” is removed for everyone.</p>
      {references.length > 0 && (
        <>
          <p>These still refer to it and will show as dangling references:</p>
          <ul className="seq-ref-list">
            {references.map((r) => (
              <li key={`${r.fromKind}:${r.fromId}:${r.path}`}>
                the {KIND_LABEL[r.fromKind]} “{recordName(state, r.fromKind, r.fromId)}”{" "}
                {r.relation} it
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}

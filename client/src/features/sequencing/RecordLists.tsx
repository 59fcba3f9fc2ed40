/** The side panel's lists: milestones (with when they fall), verification mechanisms, guarantees, proposals. */
import { describeResolution } from "@parley/shared/sequencing/index";
import type { ReactNode } from "react";
import { bodyName } from "./frameworkContext.js";
import type { SequencingState } from "./sequencingStore.js";

export type EditTarget =
  | { kind: "step"; id: string | null }
  | { kind: "milestone"; id: string | null }
  | { kind: "mechanism"; id: string | null }
  | { kind: "guarantee"; id: string | null }
  | { kind: "proposal"; id: string | null };

function RecordList({
  title,
  addLabel,
  onAdd,
  empty,
  children,
  count,
}: {
  title: string;
  addLabel: string;
  onAdd: () => void;
  empty: string;
  children: ReactNode;
  count: number;
}) {
  return (
    <section className="seq-list" aria-label={title}>
      <div className="seq-list-head">
        <h3>{title}</h3>
        <button type="button" className="button button-small" onClick={onAdd}>
          {addLabel}
        </button>
      </div>
      {count === 0 ? <p className="field-hint">{empty}</p> : <ul>{children}</ul>}
    </section>
  );
}

function Row({ title, detail, onOpen }: { title: string; detail: string; onOpen: () => void }) {
  return (
    <li>
      <button type="button" className="seq-row" onClick={onOpen}>
        <span className="seq-row-title">{title}</span>
        <span className="seq-row-detail">{detail}</span>
      </button>
    </li>
  );
}

export function MilestoneList({
  state,
  onEdit,
}: {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}) {
  const nameOf = (id: string) => state.snapshot.milestones.find((m) => m.id === id)?.name ?? id;
  return (
    <RecordList
      title="Milestones"
      addLabel="Add milestone"
      onAdd={() => onEdit({ kind: "milestone", id: null })}
      empty="No milestones yet: name the days the sequence turns on (Adoption Day, Implementation Day…)."
      count={state.snapshot.milestones.length}
    >
      {state.snapshot.milestones.map((m) => {
        const r = state.resolutions.get(m.id);
        return (
          <Row
            key={m.id}
            title={m.name}
            detail={r ? describeResolution(r, nameOf) : ""}
            onOpen={() => onEdit({ kind: "milestone", id: m.id })}
          />
        );
      })}
    </RecordList>
  );
}

export function MechanismList({
  state,
  onEdit,
}: {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}) {
  return (
    <RecordList
      title="Verification mechanisms"
      addLabel="Add mechanism"
      onAdd={() => onEdit({ kind: "mechanism", id: null })}
      empty="No verification mechanisms yet."
      count={state.snapshot.mechanisms.length}
    >
      {state.snapshot.mechanisms.map((m) => (
        <Row
          key={m.id}
          title={m.name}
          detail={`${bodyName(state.context, m.body)} · confirms ${m.confirmsStepIds.length} ${m.confirmsStepIds.length === 1 ? "step" : "steps"}`}
          onOpen={() => onEdit({ kind: "mechanism", id: m.id })}
        />
      ))}
    </RecordList>
  );
}

export function GuaranteeList({
  state,
  onEdit,
}: {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}) {
  return (
    <RecordList
      title="Guarantees"
      addLabel="Add guarantee"
      onAdd={() => onEdit({ kind: "guarantee", id: null })}
      empty="No guarantees yet."
      count={state.snapshot.guarantees.length}
    >
      {state.snapshot.guarantees.map((g) => (
        <Row
          key={g.id}
          title={g.obligation}
          detail={`${bodyName(state.context, g.guarantor)} → ${bodyName(state.context, g.beneficiary)} · ${g.nature}`}
          onOpen={() => onEdit({ kind: "guarantee", id: g.id })}
        />
      ))}
    </RecordList>
  );
}

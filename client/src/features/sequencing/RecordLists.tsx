/**
 * The side panel's lists: milestones (with when they fall), verification mechanisms, guarantees,
 * sides and bodies.
 */
import { describeResolution, reversalVerb } from "@parley/shared/sequencing/index";
import type { ReactNode } from "react";
import { bodyName } from "./frameworkContext.js";
import { BODY_KIND_LABELS } from "./SideBodyForms.js";
import type { SequencingState } from "./sequencingStore.js";

export type EditTarget =
  | { kind: "step"; id: string | null }
  | { kind: "milestone"; id: string | null }
  | { kind: "mechanism"; id: string | null }
  | { kind: "guarantee"; id: string | null }
  | { kind: "proposal"; id: string | null }
  | { kind: "side"; id: string | null }
  | { kind: "body"; id: string | null };

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
          detail={`${bodyName(state.context, m.body, state.snapshot.bodies)} · confirms ${m.confirmsStepIds.length} ${m.confirmsStepIds.length === 1 ? "step" : "steps"}${m.reversal ? ` · ${reversalVerb(m.reversal.effect)} ${m.reversal.steps.length}` : ""}`}
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
          detail={`${bodyName(state.context, g.guarantor, state.snapshot.bodies)} → ${bodyName(state.context, g.beneficiary, state.snapshot.bodies)} · ${g.nature}${g.reversal ? ` · ${reversalVerb(g.reversal.effect)} ${g.reversal.steps.length} ${g.reversal.steps.length === 1 ? "step" : "steps"}` : ""}`}
          onOpen={() => onEdit({ kind: "guarantee", id: g.id })}
        />
      ))}
    </RecordList>
  );
}

export function SideList({
  state,
  onEdit,
}: {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}) {
  const partyName = (id: string) => state.context.parties.find((p) => p.id === id)?.shortName ?? id;
  return (
    <RecordList
      title="Sides"
      addLabel="Add side"
      onAdd={() => onEdit({ kind: "side", id: null })}
      empty="No sides: every party counts on its own. Group parties that act together opposite others."
      count={state.snapshot.sides.length}
    >
      {state.snapshot.sides.map((s) => (
        <Row
          key={s.id}
          title={s.name}
          detail={[...s.partyIds].map(partyName).sort().join(", ")}
          onOpen={() => onEdit({ kind: "side", id: s.id })}
        />
      ))}
    </RecordList>
  );
}

export function BodyList({
  state,
  onEdit,
}: {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}) {
  return (
    <RecordList
      title="Bodies"
      addLabel="Add body"
      onAdd={() => onEdit({ kind: "body", id: null })}
      empty="No bodies yet: a joint commission, an agency or the Security Council can act, verify or guarantee."
      count={state.snapshot.bodies.length}
    >
      {state.snapshot.bodies.map((b) => (
        <Row
          key={b.id}
          title={b.name}
          detail={BODY_KIND_LABELS[b.kind]}
          onOpen={() => onEdit({ kind: "body", id: b.id })}
        />
      ))}
    </RecordList>
  );
}

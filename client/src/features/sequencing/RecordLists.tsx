/**
 * The side panel's lists: milestones (with when they fall), verification mechanisms, guarantees,
 * sides and bodies.
 */
import { describeResolution, reversalVerb } from "@parley/shared/sequencing/index";
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

/** What each list gets from the panel. */
interface ListProps {
  state: SequencingState;
  onEdit: (t: EditTarget) => void;
}

/**
 * One list of records of a kind: a heading with its add button, then a row a record (its title
 * and a one-line detail) that opens the record's form, or a hint when there are none.
 */
function RecordList<T extends { id: string }>({
  kind,
  title,
  addLabel,
  empty,
  items,
  titleOf,
  detailOf,
  onEdit,
}: {
  kind: EditTarget["kind"];
  title: string;
  addLabel: string;
  empty: string;
  items: readonly T[];
  titleOf: (item: T) => string;
  detailOf: (item: T) => string;
  onEdit: (t: EditTarget) => void;
}) {
  return (
    <section className="seq-list" aria-label={title}>
      <div className="seq-list-head">
        <h3>{title}</h3>
        <button
          type="button"
          className="button button-small"
          onClick={() => onEdit({ kind, id: null })}
        >
          {addLabel}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="field-hint">{empty}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className="seq-row"
                onClick={() => onEdit({ kind, id: item.id })}
              >
                <span className="seq-row-title">{titleOf(item)}</span>
                <span className="seq-row-detail">{detailOf(item)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "1 step", "3 steps". */
function steps(count: number): string {
  return `${count} ${count === 1 ? "step" : "steps"}`;
}

export function MilestoneList({ state, onEdit }: ListProps) {
  const nameOf = (id: string) => state.snapshot.milestones.find((m) => m.id === id)?.name ?? id;
  return (
    <RecordList
      kind="milestone"
      title="Milestones"
      addLabel="Add milestone"
      empty="No milestones yet: name the days the sequence turns on (Adoption Day, Implementation Day…)."
      items={state.snapshot.milestones}
      titleOf={(m) => m.name}
      detailOf={(m) => {
        const r = state.resolutions.get(m.id);
        return r ? describeResolution(r, nameOf) : "";
      }}
      onEdit={onEdit}
    />
  );
}

export function MechanismList({ state, onEdit }: ListProps) {
  return (
    <RecordList
      kind="mechanism"
      title="Verification mechanisms"
      addLabel="Add mechanism"
      empty="No verification mechanisms yet."
      items={state.snapshot.mechanisms}
      titleOf={(m) => m.name}
      detailOf={(m) =>
        `${bodyName(state.context, m.body, state.snapshot.bodies)} · confirms ${steps(m.confirmsStepIds.length)}${m.reversal ? ` · ${reversalVerb(m.reversal.effect)} ${m.reversal.steps.length}` : ""}`
      }
      onEdit={onEdit}
    />
  );
}

export function GuaranteeList({ state, onEdit }: ListProps) {
  return (
    <RecordList
      kind="guarantee"
      title="Guarantees"
      addLabel="Add guarantee"
      empty="No guarantees yet."
      items={state.snapshot.guarantees}
      titleOf={(g) => g.obligation}
      detailOf={(g) =>
        `${bodyName(state.context, g.guarantor, state.snapshot.bodies)} → ${bodyName(state.context, g.beneficiary, state.snapshot.bodies)} · ${g.nature}${g.reversal ? ` · ${reversalVerb(g.reversal.effect)} ${steps(g.reversal.steps.length)}` : ""}`
      }
      onEdit={onEdit}
    />
  );
}

export function SideList({ state, onEdit }: ListProps) {
  const partyName = (id: string) => state.context.parties.find((p) => p.id === id)?.shortName ?? id;
  return (
    <RecordList
      kind="side"
      title="Sides"
      addLabel="Add side"
      empty="No sides: every party counts on its own. Group parties that act together opposite others."
      items={state.snapshot.sides}
      titleOf={(s) => s.name}
      detailOf={(s) => [...s.partyIds].map(partyName).sort().join(", ")}
      onEdit={onEdit}
    />
  );
}

export function BodyList({ state, onEdit }: ListProps) {
  return (
    <RecordList
      kind="body"
      title="Bodies"
      addLabel="Add body"
      empty="No bodies yet: a joint commission, an agency or the Security Council can act, verify or guarantee."
      items={state.snapshot.bodies}
      titleOf={(b) => b.name}
      detailOf={(b) => BODY_KIND_LABELS[b.kind]}
      onEdit={onEdit}
    />
  );
}

/** Tabs over the alternative sequencing proposals ("All steps", "Proposal A: simultaneous", …). */
import type { Proposal } from "@parley/shared/sequencing/index";

export function ProposalTabs({
  proposals,
  selected,
  onSelect,
  onEdit,
}: {
  proposals: readonly Proposal[];
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Edit a proposal (id), or add one (null); absent when the person may not edit. */
  onEdit: ((id: string | null) => void) | null;
}) {
  return (
    <div className="seq-proposals">
      <div className="seq-tabs" role="tablist" aria-label="Proposals">
        <button
          type="button"
          role="tab"
          aria-selected={selected === null}
          className="seq-tab"
          onClick={() => onSelect(null)}
        >
          All steps
        </button>
        {[...proposals]
          .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))
          .map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              aria-selected={selected === p.id}
              className="seq-tab"
              title={p.description || p.name}
              onClick={() => onSelect(p.id)}
              onDoubleClick={() => onEdit?.(p.id)}
            >
              {p.name}
              <span className="seq-tab-count">{p.stepIds.length}</span>
            </button>
          ))}
      </div>
      {onEdit && selected !== null && (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => onEdit(selected)}
        >
          Edit proposal
        </button>
      )}
      {onEdit && (
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={() => onEdit(null)}
        >
          + Proposal
        </button>
      )}
    </div>
  );
}

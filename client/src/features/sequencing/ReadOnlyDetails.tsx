/** What a person who may not edit sees for a step or milestone they clicked: its summary and its problems. */
import {
  describeResolution,
  problemsInvolving,
  summarizeStep,
} from "@parley/shared/sequencing/index";
import type { GraphItemRef } from "./graphModel.js";
import type { SequencingState } from "./sequencingStore.js";

export function ReadOnlyDetails({
  state,
  item,
  onClose,
}: {
  state: SequencingState;
  item: GraphItemRef;
  onClose: () => void;
}) {
  const nameOf = (id: string) => state.snapshot.milestones.find((m) => m.id === id)?.name ?? id;
  let title: string;
  let text: string;
  if (item.kind === "step") {
    title = "Step";
    text = summarizeStep(item.id, state.snapshot, state.sequencingContext, state.resolutions).text;
  } else {
    const resolution = state.resolutions.get(item.id);
    title = nameOf(item.id);
    text = resolution ? `Falls on: ${describeResolution(resolution, nameOf)}` : "Removed.";
  }
  const problems = problemsInvolving(state.problems, item.kind, item.id);
  return (
    <section className="seq-form" aria-label={`${title} (read only)`}>
      <div className="seq-form-head">
        <h3>{title}</h3>
        <button type="button" className="button button-quiet button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="seq-form-body">
        <p className="seq-summary">{text}</p>
        {problems.map((p) => (
          <p key={p.key} className={`seq-problem-message seq-readonly-${p.severity}`}>
            {p.message}
          </p>
        ))}
        <p className="field-hint">Your access to this framework is read-only.</p>
      </div>
    </section>
  );
}

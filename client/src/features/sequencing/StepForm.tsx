/**
 * Add or edit a sequencing step. Every write goes through the shared accessor (`addStep` /
 * `updateStep`); a refusal (a step depending on itself, a negative offset, an unknown actor…) is
 * shown with the accessor's message and nothing is stored.
 */
import {
  addStep,
  referencesTo,
  removeStep,
  type Step,
  summarizeStep,
  updateProposal,
  updateStep,
} from "@parley/shared/sequencing/index";
import { useId, useState } from "react";
import { ConditionEditor } from "./ConditionEditor.js";
import {
  actorChoices,
  mechanismChoices,
  milestoneChoices,
  phaseSuggestions,
  reversalChoices,
  reversersOf,
  stepChoices,
} from "./choices.js";
import {
  type Choice,
  FormShell,
  IdChecklist,
  SelectField,
  SpanField,
  TextField,
  TimeField,
} from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { describeRefusal } from "./refusal.js";
import type { SequencingState } from "./sequencingStore.js";
import {
  END_KINDS,
  emptyStepForm,
  formToStepInput,
  type StepFormValues,
  stepToForm,
} from "./stepFormModel.js";
import type { SequencingWriter } from "./writer.js";

interface StepFormProps {
  state: SequencingState;
  writer: SequencingWriter;
  /** The step to edit; null to add one. */
  step: Step | null;
  /** Terms of the text, for "implements term". */
  terms: readonly Choice[];
  /** A new step joins this proposal too. */
  proposalId: string | null;
  defaults?: Partial<StepFormValues>;
  onClose: () => void;
  onSaved: (step: Step) => void;
  /** Puts a reference to the step into the text at the cursor. */
  onInsertReference?: (stepId: string) => void;
}

export function StepForm(props: StepFormProps) {
  const { state, writer, step } = props;
  const [values, setValues] = useState<StepFormValues>(() =>
    step ? stepToForm(step) : emptyStepForm(props.defaults),
  );
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const phaseListId = useId();
  const set = (patch: Partial<StepFormValues>) => setValues((v) => ({ ...v, ...patch }));

  const otherSteps = stepChoices(state).map((c) =>
    c.id === step?.id ? { ...c, label: `${c.label} (this step)` } : c,
  );
  const milestones = milestoneChoices(state);
  const mechanisms = mechanismChoices(state);
  const actors = actorChoices(state);
  const reversedBy = step ? reversersOf(state, step.id) : [];

  const save = () => {
    const input = formToStepInput(values);
    let saved: Step | null = null;
    let refusal: string | null = null;
    writer.doc.transact(() => {
      const result = step
        ? updateStep(writer.doc, step.id, input, writer.options)
        : addStep(writer.doc, input, writer.options);
      if (!result.ok) {
        refusal = describeRefusal(result.error, "step");
        return;
      }
      saved = result.value;
      const proposal = state.snapshot.proposals.find((p) => p.id === props.proposalId);
      if (!step && proposal) {
        updateProposal(
          writer.doc,
          proposal.id,
          { stepIds: [...proposal.stepIds, result.value.id] },
          writer.options,
        );
      }
    });
    setError(refusal);
    if (saved) props.onSaved(saved);
  };

  const summary = step
    ? summarizeStep(step.id, state.snapshot, state.sequencingContext, state.resolutions).text
    : null;

  return (
    <>
      <FormShell
        title={step ? "Edit step" : "New step"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={step ? () => setRemoving(true) : undefined}
        submitLabel={step ? "Save step" : "Add step"}
        extraActions={
          step && props.onInsertReference ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => props.onInsertReference?.(step.id)}
              title="Put a live reference to this step into the text, at the cursor"
            >
              Insert reference in text
            </button>
          ) : null
        }
      >
        {summary && <p className="seq-summary">{summary}</p>}
        <SelectField
          label="Actor"
          value={values.actor}
          choices={actors}
          onChange={(actor) =>
            set({ actor, jointActors: values.jointActors.filter((k) => k !== actor) })
          }
        />
        <IdChecklist
          legend="Jointly with"
          choices={actors.filter((c) => c.id !== values.actor)}
          selected={values.jointActors}
          onChange={(jointActors) => set({ jointActors })}
          emptyText="No other parties or bodies."
        />
        <TextField
          label="Action"
          value={values.action}
          multiline
          placeholder="e.g. suspends enrichment above 3.67%"
          onChange={(action) => set({ action })}
        />
        <div className="seq-two">
          <TextField
            label="Step number"
            value={values.number}
            placeholder="e.g. 4 or S4"
            hint="Kept as written in the annexes"
            onChange={(number) => set({ number })}
          />
          <SelectField
            label="Extent"
            value={values.extent.kind}
            choices={[
              { id: "whole-or-part", label: "in whole or in part" },
              { id: "quantity", label: "a quantity" },
            ]}
            empty="the whole step"
            onChange={(kind) =>
              set({
                extent: {
                  ...values.extent,
                  kind: kind === "whole-or-part" || kind === "quantity" ? kind : "",
                },
              })
            }
          />
        </div>
        {values.extent.kind === "quantity" && (
          <div className="seq-inline seq-wrap">
            <input
              className="text-input seq-days"
              aria-label="Quantity: amount"
              inputMode="decimal"
              value={values.extent.amount}
              onChange={(e) => set({ extent: { ...values.extent, amount: e.target.value } })}
            />
            <input
              className="text-input"
              aria-label="Quantity: unit"
              placeholder="tonnes, per cent, centrifuges…"
              value={values.extent.unit}
              onChange={(e) => set({ extent: { ...values.extent, unit: e.target.value } })}
            />
            <label className="seq-check">
              <input
                type="checkbox"
                checked={values.extent.upTo}
                onChange={(e) => set({ extent: { ...values.extent, upTo: e.target.checked } })}
              />
              <span>up to</span>
            </label>
          </div>
        )}
        <div className="seq-two">
          <TextField
            label="Phase"
            value={values.phase}
            placeholder="e.g. Phase 1"
            list={phaseListId}
            onChange={(phase) => set({ phase })}
          />
          <SelectField
            label="Implements term"
            value={values.termId}
            choices={props.terms}
            empty="no term"
            onChange={(termId) => set({ termId })}
          />
        </div>
        <datalist id={phaseListId}>
          {phaseSuggestions(state).map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>

        <ConditionEditor
          root={values.condition}
          onChange={(condition) => set({ condition })}
          steps={otherSteps}
          milestones={milestones}
          mechanisms={mechanisms}
          reversals={reversalChoices(state)}
        />
        <IdChecklist
          legend="Simultaneously with"
          choices={otherSteps.filter((c) => c.id !== step?.id)}
          selected={values.simultaneousWith}
          onChange={(simultaneousWith) => set({ simultaneousWith })}
          emptyText="No other steps yet."
        />
        <TimeField
          label="Taken on"
          value={values.takenAt}
          milestones={milestones}
          onChange={(takenAt) => set({ takenAt })}
        />
        <TimeField
          label="Takes effect on"
          value={values.effectiveAt}
          milestones={milestones}
          onChange={(effectiveAt) => set({ effectiveAt })}
        />
        <TimeField
          label="Deadline"
          value={values.deadline}
          milestones={milestones}
          onChange={(deadline) => set({ deadline })}
        />
        <fieldset className="seq-fieldset">
          <legend className="field-label">Ends</legend>
          <div className="seq-inline seq-wrap">
            <select
              className="text-input"
              aria-label="Ends"
              value={values.end.kind}
              onChange={(e) => {
                const kind = END_KINDS.find((k) => k === e.target.value) ?? "";
                set({ end: { ...values.end, kind } });
              }}
            >
              <option value="">not said</option>
              <option value="none">no end</option>
              <option value="until">until a milestone (sunset)</option>
              <option value="duration">after a duration</option>
            </select>
            {values.end.kind === "until" && (
              <select
                className="text-input"
                aria-label="Ends: milestone"
                value={values.end.milestoneId}
                onChange={(e) => set({ end: { ...values.end, milestoneId: e.target.value } })}
              >
                <option value="" disabled>
                  Choose…
                </option>
                {milestones.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
            {values.end.kind === "duration" && (
              <SpanField
                label="Ends: lasts"
                legend={false}
                value={values.end.duration}
                onChange={(duration) => set({ end: { ...values.end, duration } })}
              />
            )}
          </div>
        </fieldset>
        <SelectField
          label="Verified by"
          value={values.mechanismId}
          choices={mechanisms}
          empty={values.publicAct ? "no mechanism (public act)" : "no mechanism"}
          onChange={(mechanismId) => set({ mechanismId })}
        />
        <label className="seq-check">
          <input
            type="checkbox"
            checked={values.publicAct}
            onChange={(e) => set({ publicAct: e.target.checked })}
          />
          <span>Public act, no verifier needed (a resolution adopted, a publication)</span>
        </label>
        <label className="seq-check">
          <input
            type="checkbox"
            checked={values.reversible}
            onChange={(e) => set({ reversible: e.target.checked })}
          />
          <span>Reversible (can be undone if the other side defaults)</span>
        </label>
        {reversedBy.length > 0 && (
          <p className="field-hint">Can be reversed by {reversedBy.join(", ")}.</p>
        )}
      </FormShell>
      {removing && step && (
        <RemoveRecordDialog
          state={state}
          kind="step"
          id={step.id}
          title="Remove this step?"
          references={referencesTo(state.snapshot, "step", step.id)}
          onConfirm={() => {
            removeStep(writer.doc, step.id);
            setRemoving(false);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

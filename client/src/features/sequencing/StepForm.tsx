/**
 * Add or edit a sequencing step. Every write goes through the shared accessor (`steps.add` /
 * `steps.update`); a refusal (a step depending on itself, a negative offset, an unknown actor…) is
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
import {
  mechanismChoices,
  milestoneChoices,
  partyChoices,
  phaseSuggestions,
  stepChoices,
} from "./choices.js";
import {
  type Choice,
  FormShell,
  IdChecklist,
  SelectField,
  TextField,
  TimeField,
} from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { describeRefusal } from "./refusal.js";
import type { SequencingState } from "./sequencingStore.js";
import {
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
          value={values.actorPartyId}
          choices={partyChoices(state)}
          onChange={(actorPartyId) => set({ actorPartyId })}
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

        {values.advancedPreconditions ? (
          <p className="field-hint">
            This step has nested preconditions that this form cannot edit; they are kept as they
            are.
          </p>
        ) : (
          <>
            <IdChecklist
              legend="Waits for steps"
              choices={otherSteps}
              selected={values.waitsForSteps}
              onChange={(waitsForSteps) => set({ waitsForSteps })}
              emptyText="No other steps yet."
            />
            <IdChecklist
              legend="Waits for milestones"
              choices={milestones}
              selected={values.waitsForMilestones}
              onChange={(waitsForMilestones) => set({ waitsForMilestones })}
              emptyText="No milestones yet."
            />
            <SelectField
              label="Waits for a verification report by"
              value={values.verificationMechanismId}
              choices={mechanisms}
              empty="no report"
              onChange={(verificationMechanismId) => set({ verificationMechanismId })}
            />
            {values.verificationMechanismId !== "" && (
              <IdChecklist
                legend="…confirming the steps"
                choices={otherSteps}
                selected={values.verificationStepIds}
                onChange={(verificationStepIds) => set({ verificationStepIds })}
                emptyText="No other steps yet."
              />
            )}
            <fieldset className="seq-fieldset">
              <legend className="field-label">When several</legend>
              <div className="seq-inline">
                {(["all-of", "any-of"] as const).map((mode) => (
                  <label key={mode} className="seq-check">
                    <input
                      type="radio"
                      name="condition-mode"
                      checked={values.conditionMode === mode}
                      onChange={() => set({ conditionMode: mode })}
                    />
                    <span>{mode === "all-of" ? "all of them (AND)" : "any one of them (OR)"}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        )}
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
        <SelectField
          label="Verified by"
          value={values.mechanismId}
          choices={mechanisms}
          empty="no mechanism"
          onChange={(mechanismId) => set({ mechanismId })}
        />
        <label className="seq-check">
          <input
            type="checkbox"
            checked={values.reversible}
            onChange={(e) => set({ reversible: e.target.checked })}
          />
          <span>Reversible (can be undone if the other side defaults)</span>
        </label>
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

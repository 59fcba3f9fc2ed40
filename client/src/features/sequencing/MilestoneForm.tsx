/** Add or edit a milestone; written through `addMilestone` / `updateMilestone`, refusals shown as they are. */
import {
  addMilestone,
  describeResolution,
  type Milestone,
  referencesTo,
  removeMilestone,
  updateMilestone,
} from "@parley/shared/sequencing/index";
import { useState } from "react";
import { mechanismChoices, milestoneChoices, stepChoices } from "./choices.js";
import { FormShell, IdChecklist, SelectField, SpanField, TextField } from "./formFields.js";
import {
  DEFINITION_LABELS,
  type DefinitionKind,
  emptyMilestoneForm,
  formToMilestoneInput,
  type MilestoneFormValues,
  milestoneToForm,
} from "./milestoneFormModel.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { describeRefusal } from "./refusal.js";
import type { SequencingState } from "./sequencingStore.js";
import type { SequencingWriter } from "./writer.js";

export function MilestoneForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  milestone: Milestone | null;
  onClose: () => void;
}) {
  const { state, writer, milestone } = props;
  const [values, setValues] = useState<MilestoneFormValues>(() =>
    milestone ? milestoneToForm(milestone) : emptyMilestoneForm(),
  );
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const set = (patch: Partial<MilestoneFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const others = milestoneChoices(state, milestone?.id);
  const kinds = Object.keys(DEFINITION_LABELS) as DefinitionKind[];

  const save = () => {
    const input = formToMilestoneInput(values);
    const result = milestone
      ? updateMilestone(writer.doc, milestone.id, input, writer.options)
      : addMilestone(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "milestone"));
    else props.onClose();
  };
  const resolution = milestone ? state.resolutions.get(milestone.id) : undefined;
  const nameOf = (id: string) => state.snapshot.milestones.find((m) => m.id === id)?.name ?? id;

  return (
    <>
      <FormShell
        title={milestone ? "Edit milestone" : "New milestone"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={milestone ? () => setRemoving(true) : undefined}
        submitLabel={milestone ? "Save milestone" : "Add milestone"}
      >
        {resolution && (
          <p className="seq-summary">Falls on: {describeResolution(resolution, nameOf)}</p>
        )}
        <TextField
          label="Name"
          value={values.name}
          placeholder="e.g. Implementation Day"
          onChange={(name) => set({ name })}
        />
        <SelectField
          label="Defined by"
          value={values.kind}
          choices={kinds.map((k) => ({ id: k, label: DEFINITION_LABELS[k] }))}
          onChange={(kind) => set({ kind: kind as DefinitionKind })}
        />
        {values.kind === "fixed" && (
          <TextField
            label="Date"
            type="date"
            value={values.date}
            onChange={(date) => set({ date })}
          />
        )}
        {values.kind === "offset" && (
          <>
            <SelectField
              label="From milestone"
              value={values.fromMilestoneId}
              choices={others}
              onChange={(fromMilestoneId) => set({ fromMilestoneId })}
            />
            <div className="seq-two">
              <SpanField
                label="Offset"
                value={values.offset}
                onChange={(offset) => set({ offset })}
              />
              <SelectField
                label="After or before"
                value={values.before ? "before" : "after"}
                choices={[
                  { id: "after", label: "after that milestone" },
                  { id: "before", label: "before that milestone" },
                ]}
                onChange={(v) => set({ before: v === "before" })}
              />
            </div>
          </>
        )}
        {values.kind === "event-report" && (
          <>
            <SelectField
              label="Report of the mechanism"
              value={values.mechanismId}
              choices={mechanismChoices(state)}
              onChange={(mechanismId) => set({ mechanismId })}
            />
            <IdChecklist
              legend="…confirming the steps"
              choices={stepChoices(state)}
              selected={values.stepIds}
              onChange={(stepIds) => set({ stepIds })}
              emptyText="No steps yet."
            />
          </>
        )}
        {values.kind === "event-external" && (
          <TextField
            label="Event"
            value={values.description}
            placeholder="e.g. UN Security Council endorses the framework"
            onChange={(description) => set({ description })}
          />
        )}
        {(values.kind === "earlier-of" || values.kind === "later-of") && (
          <div className="seq-two">
            <SelectField
              label="First"
              value={values.firstId}
              choices={others}
              onChange={(firstId) => set({ firstId })}
            />
            <SelectField
              label="Second"
              value={values.secondId}
              choices={others}
              onChange={(secondId) => set({ secondId })}
            />
          </div>
        )}
      </FormShell>
      {removing && milestone && (
        <RemoveRecordDialog
          state={state}
          kind="milestone"
          id={milestone.id}
          title="Remove this milestone?"
          references={referencesTo(state.snapshot, "milestone", milestone.id)}
          onConfirm={() => {
            removeMilestone(writer.doc, milestone.id);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

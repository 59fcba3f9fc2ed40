/** Add or edit a verification mechanism: who verifies what, how, how often, reporting to whom, confirming which steps. */
import {
  addMechanism,
  type BodyRef,
  type Mechanism,
  referencesTo,
  removeMechanism,
  updateMechanism,
} from "@parley/shared/sequencing/index";
import { useState } from "react";
import { bodyChoices, milestoneChoices, stepChoices } from "./choices.js";
import {
  BodyField,
  FormShell,
  IdChecklist,
  SelectField,
  SpanField,
  TextField,
} from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { ReversalEditor } from "./ReversalEditor.js";
import { describeRefusal } from "./refusal.js";
import { reversalToValues, valuesToReversal } from "./reversalFormModel.js";
import type { SequencingState } from "./sequencingStore.js";
import { spanToValue, valueToSpan } from "./spanFormModel.js";
import type { SequencingWriter } from "./writer.js";

/** One entry per line (or comma), empty ones dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export function MechanismForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  mechanism: Mechanism | null;
  onClose: () => void;
}) {
  const { state, writer, mechanism } = props;
  const [name, setName] = useState(mechanism?.name ?? "");
  const [body, setBody] = useState<BodyRef | null>(mechanism?.body ?? null);
  const [verifies, setVerifies] = useState(mechanism?.verifies ?? "");
  const [methods, setMethods] = useState((mechanism?.methods ?? []).join("\n"));
  const [frequency, setFrequency] = useState(mechanism?.frequency ?? "");
  const [duration, setDuration] = useState(mechanism?.duration ?? "");
  const [reportsTo, setReportsTo] = useState(
    (mechanism?.reportsTo ?? []).flatMap((b) => (b.kind === "named" ? [b.name] : [])).join(", "),
  );
  const [reportsToParties, setReportsToParties] = useState(
    (mechanism?.reportsTo ?? []).flatMap((b) => (b.kind === "party" ? [b.partyId] : [])),
  );
  const [confirms, setConfirms] = useState(mechanism?.confirmsStepIds ?? []);
  const [reportingFrom, setReportingFrom] = useState(mechanism?.reporting?.fromMilestoneId ?? "");
  const [reportingEvery, setReportingEvery] = useState(() =>
    spanToValue(mechanism?.reporting?.every ?? { years: 0, months: 3, days: 0 }),
  );
  const [reversal, setReversal] = useState(() => reversalToValues(mechanism?.reversal ?? null));
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const verifiers = state.context.parties
    .filter((p) => p.role === "verifier")
    .map((p) => ({ id: p.id, label: `${p.name} (${p.shortName})` }));

  const save = () => {
    const input = {
      name,
      body: body ?? { kind: "named" as const, name: "" },
      verifies,
      methods: splitList(methods),
      frequency,
      duration,
      reportsTo: [
        ...reportsToParties.map((partyId) => ({ kind: "party" as const, partyId })),
        ...splitList(reportsTo).map((n) => ({ kind: "named" as const, name: n })),
      ],
      confirmsStepIds: confirms,
      reporting:
        reportingFrom === ""
          ? null
          : { fromMilestoneId: reportingFrom, every: valueToSpan(reportingEvery) },
      reversal: valuesToReversal(reversal),
    };
    const result = mechanism
      ? updateMechanism(writer.doc, mechanism.id, input, writer.options)
      : addMechanism(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "mechanism"));
    else props.onClose();
  };

  return (
    <>
      <FormShell
        title={mechanism ? "Edit verification mechanism" : "New verification mechanism"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={mechanism ? () => setRemoving(true) : undefined}
        submitLabel={mechanism ? "Save mechanism" : "Add mechanism"}
      >
        <TextField
          label="Name"
          value={name}
          placeholder="e.g. IAEA monitoring"
          onChange={setName}
        />
        <BodyField
          label="Verifying body"
          value={body}
          parties={verifiers}
          bodies={bodyChoices(state)}
          onChange={setBody}
        />
        <TextField label="What is verified" value={verifies} multiline onChange={setVerifies} />
        <TextField
          label="Methods"
          value={methods}
          multiline
          hint="One per line: inspections, continuous monitoring, declarations…"
          onChange={setMethods}
        />
        <div className="seq-two">
          <TextField
            label="Frequency"
            value={frequency}
            placeholder="quarterly"
            onChange={setFrequency}
          />
          <TextField
            label="Duration"
            value={duration}
            placeholder="15 years"
            onChange={setDuration}
          />
        </div>
        <IdChecklist
          legend="Reports to (parties)"
          choices={state.context.parties.map((p) => ({ id: p.id, label: p.name }))}
          selected={reportsToParties}
          onChange={setReportsToParties}
          emptyText="No parties in this framework yet."
        />
        <TextField
          label="Reports to (other bodies)"
          value={reportsTo}
          placeholder="e.g. Joint Commission, UN Security Council"
          onChange={setReportsTo}
        />
        <IdChecklist
          legend="Confirms the steps"
          choices={stepChoices(state)}
          selected={confirms}
          onChange={setConfirms}
          emptyText="No steps yet."
        />
        <fieldset className="seq-fieldset">
          <legend className="field-label">Reporting period</legend>
          <div className="seq-two">
            <SelectField
              label="Reports due from"
              value={reportingFrom}
              choices={milestoneChoices(state)}
              empty="not tied to a milestone"
              onChange={setReportingFrom}
            />
            <SpanField
              label="Every"
              value={reportingEvery}
              disabled={reportingFrom === ""}
              onChange={setReportingEvery}
            />
          </div>
        </fieldset>
        <ReversalEditor
          value={reversal}
          onChange={setReversal}
          steps={stepChoices(state)}
          milestones={milestoneChoices(state)}
        />
      </FormShell>
      {removing && mechanism && (
        <RemoveRecordDialog
          state={state}
          kind="mechanism"
          id={mechanism.id}
          title="Remove this verification mechanism?"
          references={referencesTo(state.snapshot, "mechanism", mechanism.id)}
          onConfirm={() => {
            removeMechanism(writer.doc, mechanism.id);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

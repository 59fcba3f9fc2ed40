/**
 * Add or edit a guarantee: guarantor, beneficiary, obligation, trigger, response, binding or
 * political, the steps it covers, and what it reverses when invoked.
 */
import {
  addGuarantee,
  type BodyRef,
  type Guarantee,
  removeGuarantee,
  updateGuarantee,
} from "@parley/shared/sequencing/index";
import { useState } from "react";
import { bodyChoices, milestoneChoices, partyChoices, stepChoices } from "./choices.js";
import { BodyField, FormShell, IdChecklist, SelectField, TextField } from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { ReversalEditor } from "./ReversalEditor.js";
import { describeRefusal } from "./refusal.js";
import { reversalToValues, valuesToReversal } from "./reversalFormModel.js";
import type { SequencingState } from "./sequencingStore.js";
import type { SequencingWriter } from "./writer.js";

const NO_BODY: BodyRef = { kind: "named", name: "" };

export function GuaranteeForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  guarantee: Guarantee | null;
  onClose: () => void;
}) {
  const { state, writer, guarantee } = props;
  const [guarantor, setGuarantor] = useState<BodyRef | null>(guarantee?.guarantor ?? null);
  const [beneficiary, setBeneficiary] = useState<BodyRef | null>(guarantee?.beneficiary ?? null);
  const [obligation, setObligation] = useState(guarantee?.obligation ?? "");
  const [trigger, setTrigger] = useState(guarantee?.trigger ?? "");
  const [response, setResponse] = useState(guarantee?.response ?? "");
  const [nature, setNature] = useState<"binding" | "political">(guarantee?.nature ?? "political");
  const [related, setRelated] = useState(guarantee?.relatedStepIds ?? []);
  const [reversal, setReversal] = useState(() => reversalToValues(guarantee?.reversal ?? null));
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const parties = partyChoices(state);
  const bodies = bodyChoices(state);

  const save = () => {
    const input = {
      guarantor: guarantor ?? NO_BODY,
      beneficiary: beneficiary ?? NO_BODY,
      obligation,
      trigger,
      response,
      nature,
      relatedStepIds: related,
      reversal: valuesToReversal(reversal),
    };
    const result = guarantee
      ? updateGuarantee(writer.doc, guarantee.id, input, writer.options)
      : addGuarantee(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "guarantee"));
    else props.onClose();
  };

  return (
    <>
      <FormShell
        title={guarantee ? "Edit guarantee" : "New guarantee"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={guarantee ? () => setRemoving(true) : undefined}
        submitLabel={guarantee ? "Save guarantee" : "Add guarantee"}
      >
        <BodyField
          label="Guarantor"
          value={guarantor}
          parties={parties}
          bodies={bodies}
          onChange={setGuarantor}
        />
        <BodyField
          label="Beneficiary"
          value={beneficiary}
          parties={parties}
          bodies={bodies}
          onChange={setBeneficiary}
        />
        <TextField label="Obligation" value={obligation} multiline onChange={setObligation} />
        <TextField label="Trigger" value={trigger} multiline onChange={setTrigger} />
        <TextField label="Response" value={response} multiline onChange={setResponse} />
        <SelectField
          label="Nature"
          value={nature}
          choices={[
            { id: "political", label: "political commitment" },
            { id: "binding", label: "legally binding" },
          ]}
          onChange={(v) => setNature(v === "binding" ? "binding" : "political")}
        />
        <IdChecklist
          legend="Covers the steps"
          choices={stepChoices(state)}
          selected={related}
          onChange={setRelated}
          emptyText="No steps yet."
        />
        <ReversalEditor
          value={reversal}
          onChange={setReversal}
          steps={stepChoices(state)}
          milestones={milestoneChoices(state)}
        />
      </FormShell>
      {removing && guarantee && (
        <RemoveRecordDialog
          state={state}
          kind="guarantee"
          id={guarantee.id}
          title="Remove this guarantee?"
          references={[]}
          onConfirm={() => {
            removeGuarantee(writer.doc, guarantee.id);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

/** Add or edit a sequencing proposal: a named alternative ("Proposal B: phased") and its steps. */
import {
  addProposal,
  type Proposal,
  removeProposal,
  updateProposal,
} from "@parley/shared/sequencing/index";
import { useState } from "react";
import { stepChoices } from "./choices.js";
import { FormShell, IdChecklist, TextField } from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { describeRefusal } from "./refusal.js";
import type { SequencingState } from "./sequencingStore.js";
import type { SequencingWriter } from "./writer.js";

export function ProposalForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  proposal: Proposal | null;
  onClose: () => void;
  onSaved: (proposal: Proposal) => void;
  onRemoved: () => void;
}) {
  const { state, writer, proposal } = props;
  const [name, setName] = useState(proposal?.name ?? "");
  const [description, setDescription] = useState(proposal?.description ?? "");
  const [stepIds, setStepIds] = useState(proposal?.stepIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);

  const save = () => {
    const input = { name, description, stepIds };
    const result = proposal
      ? updateProposal(writer.doc, proposal.id, input, writer.options)
      : addProposal(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "proposal"));
    else props.onSaved(result.value);
  };

  return (
    <>
      <FormShell
        title={proposal ? "Edit proposal" : "New proposal"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={proposal ? () => setRemoving(true) : undefined}
        submitLabel={proposal ? "Save proposal" : "Add proposal"}
      >
        <TextField
          label="Name"
          value={name}
          placeholder="e.g. Proposal B: phased"
          onChange={setName}
        />
        <TextField label="Description" value={description} multiline onChange={setDescription} />
        <IdChecklist
          legend="Steps in this proposal"
          choices={stepChoices(state)}
          selected={stepIds}
          onChange={setStepIds}
          emptyText="No steps yet: add steps, then choose them here."
        />
      </FormShell>
      {removing && proposal && (
        <RemoveRecordDialog
          state={state}
          kind="proposal"
          id={proposal.id}
          title="Remove this proposal?"
          references={[]}
          onConfirm={() => {
            removeProposal(writer.doc, proposal.id);
            props.onRemoved();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

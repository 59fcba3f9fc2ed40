/**
 * Sides (parties acting together opposite others, weighed together by the reciprocity checks)
 * and bodies (a joint commission, a verifying agency, the Security Council: actors that are not
 * negotiating parties). Written through `addSide` / `updateSide` / `addBody` / `updateBody`;
 * refusals (a party already in another side, an empty name) shown as they are.
 */
import {
  addBody,
  addSide,
  BODY_KINDS,
  type Body,
  type BodyKind,
  referencesTo,
  removeBody,
  removeSide,
  type Side,
  updateBody,
  updateSide,
} from "@parley/shared/sequencing/index";
import { useState } from "react";
import { partyChoices } from "./choices.js";
import { FormShell, IdChecklist, SelectField, TextField } from "./formFields.js";
import { RemoveRecordDialog } from "./RemoveRecordDialog.js";
import { describeRefusal } from "./refusal.js";
import type { SequencingState } from "./sequencingStore.js";
import type { SequencingWriter } from "./writer.js";

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  "joint-commission": "joint commission",
  "verifying-agency": "verifying agency",
  "security-council": "Security Council",
  other: "other body",
};

export function SideForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  side: Side | null;
  onClose: () => void;
}) {
  const { state, writer, side } = props;
  const [name, setName] = useState(side?.name ?? "");
  const [partyIds, setPartyIds] = useState(side?.partyIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const inOtherSide = new Map(
    state.snapshot.sides
      .filter((s) => s.id !== side?.id)
      .flatMap((s) => s.partyIds.map((p) => [p, s.name] as const)),
  );
  const save = () => {
    const input = { name, partyIds };
    const result = side
      ? updateSide(writer.doc, side.id, input, writer.options)
      : addSide(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "side"));
    else props.onClose();
  };
  return (
    <>
      <FormShell
        title={side ? "Edit side" : "New side"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={side ? () => setRemoving(true) : undefined}
        submitLabel={side ? "Save side" : "Add side"}
      >
        <TextField label="Name" value={name} placeholder="e.g. E3/EU+3" onChange={setName} />
        <IdChecklist
          legend="Parties of this side"
          choices={partyChoices(state).map((c) =>
            inOtherSide.has(c.id) ? { ...c, label: `${c.label} — in ${inOtherSide.get(c.id)}` } : c,
          )}
          selected={partyIds}
          onChange={setPartyIds}
          emptyText="No parties in this framework yet."
        />
      </FormShell>
      {removing && side && (
        <RemoveRecordDialog
          state={state}
          kind="side"
          id={side.id}
          title="Remove this side?"
          references={referencesTo(state.snapshot, "side", side.id)}
          onConfirm={() => {
            removeSide(writer.doc, side.id);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

export function BodyForm(props: {
  state: SequencingState;
  writer: SequencingWriter;
  body: Body | null;
  onClose: () => void;
}) {
  const { state, writer, body } = props;
  const [name, setName] = useState(body?.name ?? "");
  const [kind, setKind] = useState<BodyKind>(body?.kind ?? "joint-commission");
  const [description, setDescription] = useState(body?.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const save = () => {
    const input = { name, kind, description };
    const result = body
      ? updateBody(writer.doc, body.id, input, writer.options)
      : addBody(writer.doc, input, writer.options);
    if (!result.ok) setError(describeRefusal(result.error, "body"));
    else props.onClose();
  };
  return (
    <>
      <FormShell
        title={body ? "Edit body" : "New body"}
        error={error}
        onSubmit={save}
        onCancel={props.onClose}
        onRemove={body ? () => setRemoving(true) : undefined}
        submitLabel={body ? "Save body" : "Add body"}
      >
        <TextField
          label="Name"
          value={name}
          placeholder="e.g. Joint Commission"
          onChange={setName}
        />
        <SelectField
          label="Kind of body"
          value={kind}
          choices={BODY_KINDS.map((k) => ({ id: k, label: BODY_KIND_LABELS[k] }))}
          onChange={(v) => setKind(BODY_KINDS.find((k) => k === v) ?? "other")}
        />
        <TextField label="Description" value={description} multiline onChange={setDescription} />
      </FormShell>
      {removing && body && (
        <RemoveRecordDialog
          state={state}
          kind="body"
          id={body.id}
          title="Remove this body?"
          references={referencesTo(state.snapshot, "body", body.id)}
          onConfirm={() => {
            removeBody(writer.doc, body.id);
            props.onClose();
          }}
          onCancel={() => setRemoving(false)}
        />
      )}
    </>
  );
}

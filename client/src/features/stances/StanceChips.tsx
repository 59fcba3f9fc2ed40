/**
 * Each party's stance on one term, as a row of chips under the term; a chip opens a small editor
 * (stance, and the condition for "accepts with conditions"). Stances are written to the
 * discussion room through the shared model, which refuses unknown or removed parties.
 */
import { DEFAULT_STANCE_ROLES } from "@parley/shared/analysis/stanceMatrix";
import type { Party } from "@parley/shared/model/party";
import {
  MAX_CONDITION_LENGTH,
  mayRecordStance,
  type StoredStance,
  setStance,
  stanceContext,
} from "@parley/shared/model/stance";
import { STANCES, type Stance } from "@parley/shared/model/vocabulary";
import { type CSSProperties, useId, useMemo, useState } from "react";
import { useFramework, useFrameworkSelector } from "../framework/FrameworkContext.js";
import { PopoverFormEnd } from "../framework/PopoverFormEnd.js";
import {
  attributionLabel,
  onBehalfLabel,
  STANCE_SYMBOLS,
  STANCE_TONES,
  stanceLabel,
} from "../framework/presentation.js";

export function StanceChips({ termId, label }: { termId: string; label: string }) {
  const parties = useFrameworkSelector((s) => s.parties);
  const stances = useFrameworkSelector((s) => s.stances);
  const [open, setOpen] = useState<string | null>(null);
  const allParties = useFrameworkSelector((s) => s.allParties);
  const voters = parties.filter((p) => DEFAULT_STANCE_ROLES.includes(p.role));
  // A party removed while its stance is being edited keeps its editor, so that saving is refused
  // with a message instead of the editor vanishing under the person's hands.
  const removedWhileOpen = allParties.find((p) => p.id === open && p.removedAt !== null);
  if (removedWhileOpen && !voters.some((p) => p.id === removedWhileOpen.id)) {
    voters.push(removedWhileOpen);
  }
  const mine = useMemo(() => stances.filter((s) => s.termId === termId), [stances, termId]);
  if (voters.length === 0) {
    return (
      <p className="stance-row stance-row-empty">No parties yet: add them in the Parties panel.</p>
    );
  }
  return (
    <fieldset className="stance-row" aria-label={`Stances on ${label}`}>
      <legend className="stance-row-label">Stances</legend>
      {voters.map((party) => (
        <StanceChip
          key={party.id}
          party={party}
          stored={mine.find((s) => s.partyId === party.id)}
          termId={termId}
          label={label}
          open={open === party.id}
          onOpenChange={(next) => setOpen(next ? party.id : null)}
        />
      ))}
    </fieldset>
  );
}

interface ChipProps {
  party: Party;
  stored: StoredStance | undefined;
  termId: string;
  label: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

function StanceChip({ party, stored, termId, label, open, onOpenChange }: ChipProps) {
  const { role, actor } = useFramework();
  const allParties = useFrameworkSelector((s) => s.allParties);
  // Unknown role (no confirmed token): let the server decide.
  const allowed = role === null || mayRecordStance({ role, party: actor.party }, party.id);
  const record = stored?.record;
  const stance: Stance | null = record ? (record.valid ? record.value.stance : null) : "notStated";
  const text = stance ? stanceLabel(stance) : "invalid stance";
  const behalf = record?.valid ? onBehalfLabel(record.value.by, party, allParties) : null;
  let title = `${party.name}: ${text}`;
  if (record?.valid) {
    if (record.value.condition) title += `\nCondition: ${record.value.condition}`;
    title += `\nRecorded by ${attributionLabel(record.value.by, record.value.at, allParties)}`;
  } else if (record) title += `\n${record.message}`;
  return (
    <span className="stance-chip-wrap">
      <button
        type="button"
        className={`chip stance-chip tone-${stance ? STANCE_TONES[stance] : "invalid"}`}
        style={{ "--party": party.colour } as CSSProperties}
        aria-label={`Stance of ${party.shortName} on ${label}: ${text}`}
        aria-expanded={open}
        title={
          allowed ? title : `${title}\nOnly ${party.name}'s delegation or a mediator records it.`
        }
        disabled={!allowed}
        onClick={() => onOpenChange(!open)}
      >
        <span className="stance-chip-party">{party.shortName}</span>
        <span className="stance-chip-symbol" aria-hidden="true">
          {stance ? STANCE_SYMBOLS[stance] : "⚠"}
        </span>
        <span className="stance-chip-text">{text}</span>
        {behalf && <span className="stance-chip-behalf">· {behalf}</span>}
      </button>
      {open && (
        <StanceEditor
          party={party}
          termId={termId}
          label={label}
          initial={record?.valid ? record.value : null}
          history={
            record?.valid ? attributionLabel(record.value.by, record.value.at, allParties) : null
          }
          onClose={() => onOpenChange(false)}
        />
      )}
    </span>
  );
}

interface EditorProps {
  party: Party;
  termId: string;
  label: string;
  initial: { stance: Stance; condition: string | null } | null;
  history: string | null;
  onClose: () => void;
}

function StanceEditor({ party, termId, label, initial, history, onClose }: EditorProps) {
  const { framework, discussion, actor } = useFramework();
  const [stance, setStanceValue] = useState<Stance>(initial?.stance ?? "notStated");
  const [condition, setCondition] = useState(initial?.condition ?? "");
  const [error, setError] = useState<string | null>(null);
  const name = useId();
  const save = () => {
    const result = setStance(
      discussion,
      { termId, partyId: party.id, stance, condition },
      stanceContext(framework),
      { actor },
    );
    if (result.ok) onClose();
    else setError(result.error.message);
  };
  return (
    <div
      className="popover stance-editor"
      role="dialog"
      aria-label={`${party.shortName}'s stance on ${label}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <fieldset>
        <legend>
          {party.name} on {label}
        </legend>
        {STANCES.map((s) => (
          <label key={s} className="radio-line">
            <input
              type="radio"
              name={name}
              value={s}
              checked={stance === s}
              onChange={() => {
                setStanceValue(s);
                setError(null);
              }}
            />
            <span className={`stance-dot tone-${STANCE_TONES[s]}`} aria-hidden="true">
              {STANCE_SYMBOLS[s]}
            </span>
            {stanceLabel(s)}
          </label>
        ))}
      </fieldset>
      {stance === "acceptsWithConditions" && (
        <label className="field">
          <span className="field-label">Conditions</span>
          <textarea
            className="text-input"
            rows={3}
            maxLength={MAX_CONDITION_LENGTH}
            value={condition}
            placeholder="e.g. subject to verification by the Agency"
            onChange={(event) => {
              setCondition(event.target.value);
              setError(null);
            }}
          />
        </label>
      )}
      {history && <p className="popover-meta">Last recorded by {history}</p>}
      <PopoverFormEnd error={error} onCancel={onClose} submitLabel="Save stance" onSubmit={save} />
    </div>
  );
}

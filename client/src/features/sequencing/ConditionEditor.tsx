/**
 * The step's preconditions, editable at every level: the top group (its steps, milestones and
 * verification reports as checklists, "all of" / "any of"), and sub-conditions nested in it, each
 * the same editor with its own kind, its own leaves and its own sub-conditions, removable. Every
 * control is labelled; everything is reachable with the keyboard (native inputs and buttons).
 */
import { useId } from "react";
import {
  addSubGroup,
  type ConditionGroupValues,
  describeGroup,
  GROUP_MODES,
  type GroupMode,
  MAX_GROUP_DEPTH,
  removeGroup,
  updateGroup,
} from "./conditionFormModel.js";
import { type Choice, IdChecklist } from "./formFields.js";

interface EditorProps {
  root: ConditionGroupValues;
  onChange: (root: ConditionGroupValues) => void;
  steps: readonly Choice[];
  milestones: readonly Choice[];
  mechanisms: readonly Choice[];
  /** Reversals that can be waited for (keys of `reversalKey`). */
  reversals: readonly Choice[];
}

const MODE_TEXT: Record<GroupMode, string> = {
  "all-of": "all of them (AND)",
  "any-of": "any one of them (OR)",
  "none-of": "none of them has happened (NOT)",
};

export function ConditionEditor(props: EditorProps) {
  return <GroupEditor {...props} path={[]} />;
}

/** "Sub-condition 2.1" for the path [1, 0]. */
export function groupName(path: readonly number[]): string {
  return `Sub-condition ${path.map((i) => i + 1).join(".")}`;
}

function GroupEditor(props: EditorProps & { path: number[] }) {
  const { root, path, onChange } = props;
  const radioName = useId();
  let group: ConditionGroupValues | undefined = root;
  for (const i of path) group = group?.groups[i];
  if (!group) return null;
  const top = path.length === 0;
  const change = (patch: Partial<ConditionGroupValues>) =>
    onChange(updateGroup(root, path, (g) => ({ ...g, ...patch })));
  const setReport = (index: number, report: ConditionGroupValues["reports"][number] | null) =>
    onChange(
      updateGroup(root, path, (g) => ({
        ...g,
        reports:
          report === null
            ? g.reports.filter((_, i) => i !== index)
            : g.reports.map((r, i) => (i === index ? report : r)),
      })),
    );
  const name = top ? "" : groupName(path);

  const body = (
    <>
      <IdChecklist
        legend={top ? "Waits for steps" : "Steps"}
        choices={props.steps}
        selected={group.steps}
        onChange={(steps) => change({ steps })}
        emptyText="No other steps yet."
      />
      <IdChecklist
        legend={top ? "Waits for milestones" : "Milestones"}
        choices={props.milestones}
        selected={group.milestones}
        onChange={(milestones) => change({ milestones })}
        emptyText="No milestones yet."
      />
      {(props.reversals.length > 0 || group.reversals.length > 0) && (
        <IdChecklist
          legend={top ? "Waits for a reversal being invoked" : "Reversals invoked"}
          choices={props.reversals}
          selected={group.reversals}
          onChange={(reversals) => change({ reversals })}
          emptyText="No reversals yet."
        />
      )}
      {group.reports.map((report, index) => (
        <ReportEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: reports have no id; the index is their place
          key={index}
          label={top ? `Verification report ${index + 1}` : `${name}: report ${index + 1}`}
          report={report}
          steps={props.steps}
          mechanisms={props.mechanisms}
          onChange={(r) => setReport(index, r)}
          onRemove={() => setReport(index, null)}
        />
      ))}
      <fieldset className="seq-fieldset">
        <legend className="field-label">{top ? "Holds when" : `${name} holds when`}</legend>
        <div className="seq-inline">
          {GROUP_MODES.map((mode) => (
            <label key={mode} className="seq-check">
              <input
                type="radio"
                name={radioName}
                checked={group.mode === mode}
                onChange={() => change({ mode })}
              />
              <span>{MODE_TEXT[mode]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {group.groups.map((_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: sub-conditions have no id; the path is their identity
        <GroupEditor key={index} {...props} path={[...path, index]} />
      ))}
      <div className="seq-condition-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => change({ reports: [...group.reports, { mechanismId: "", stepIds: [] }] })}
        >
          {top ? "Add verification report" : `Add report to ${name}`}
        </button>
        {path.length + 1 < MAX_GROUP_DEPTH && (
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange(addSubGroup(root, path, "any-of"))}
          >
            {top ? "Add sub-condition" : `Add sub-condition in ${name}`}
          </button>
        )}
      </div>
    </>
  );

  if (top) {
    return (
      <fieldset className="seq-fieldset seq-condition seq-condition-top">
        <legend className="field-label">Preconditions</legend>
        <p className="field-hint">{describeGroup(group)}</p>
        {body}
      </fieldset>
    );
  }
  return (
    <fieldset className="seq-fieldset seq-condition seq-condition-nested" aria-label={name}>
      <legend className="field-label">
        {name} <span className="field-hint">({describeGroup(group)})</span>
      </legend>
      {body}
      <div className="seq-condition-actions">
        <button
          type="button"
          className="button button-quiet button-danger-quiet button-small"
          onClick={() => onChange(removeGroup(root, path))}
        >
          Remove {name}
        </button>
      </div>
    </fieldset>
  );
}

function ReportEditor(props: {
  label: string;
  report: ConditionGroupValues["reports"][number];
  steps: readonly Choice[];
  mechanisms: readonly Choice[];
  onChange: (report: ConditionGroupValues["reports"][number]) => void;
  onRemove: () => void;
}) {
  const { report, label } = props;
  const known =
    report.mechanismId === "" || props.mechanisms.some((m) => m.id === report.mechanismId);
  return (
    <fieldset className="seq-fieldset seq-report" aria-label={label}>
      <legend className="field-label">{label}</legend>
      <div className="seq-inline">
        <span className="seq-days-unit" aria-hidden="true">
          by
        </span>
        <select
          className="text-input"
          aria-label={`${label}: by mechanism`}
          value={report.mechanismId}
          onChange={(e) => props.onChange({ ...report, mechanismId: e.target.value })}
        >
          <option value="">Choose a mechanism…</option>
          {!known && <option value={report.mechanismId}>unknown “{report.mechanismId}”</option>}
          {props.mechanisms.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button-quiet button-danger-quiet button-small"
          onClick={props.onRemove}
        >
          Remove {label}
        </button>
      </div>
      {report.mechanismId !== "" && (
        <IdChecklist
          legend="…confirming the steps"
          choices={props.steps}
          selected={report.stepIds}
          onChange={(stepIds) => props.onChange({ ...report, stepIds })}
          emptyText="No other steps yet."
        />
      )}
    </fieldset>
  );
}

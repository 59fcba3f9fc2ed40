/**
 * The reversal part of a guarantee or mechanism form: on or off; what it does (suspends,
 * reinstates, terminates); which steps, each in whole or in part (with which part in words); the
 * notification event that starts it; the stages of its dispute process (name + how long).
 */
import { REVERSAL_EFFECTS, type ReversalEffect } from "@parley/shared/sequencing/index";
import type { Choice } from "./formFields.js";
import { SelectField, SpanField } from "./formFields.js";
import {
  type ReversalValues,
  type ReversedStepValues,
  toggleReversedStep,
} from "./reversalFormModel.js";
import { ZERO_SPAN } from "./spanFormModel.js";

const EFFECT_TEXT: Record<ReversalEffect, string> = {
  suspend: "suspends the steps",
  reinstate: "reinstates what the steps lifted (snapback)",
  terminate: "terminates the steps",
};

export function ReversalEditor({
  value,
  onChange,
  steps,
  milestones,
}: {
  value: ReversalValues;
  onChange: (value: ReversalValues) => void;
  steps: readonly Choice[];
  milestones: readonly Choice[];
}) {
  const set = (patch: Partial<ReversalValues>) => onChange({ ...value, ...patch });
  const setStep = (stepId: string, patch: Partial<ReversedStepValues>) =>
    set({ steps: value.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s)) });
  return (
    <fieldset className="seq-fieldset seq-reversal">
      <legend className="field-label">Reversal</legend>
      <label className="seq-check">
        <input
          type="checkbox"
          checked={value.enabled}
          onChange={(e) => set({ enabled: e.target.checked })}
        />
        <span>When invoked, it reverses steps already taken</span>
      </label>
      {value.enabled && (
        <>
          <SelectField
            label="Effect"
            value={value.effect}
            choices={REVERSAL_EFFECTS.map((e) => ({ id: e, label: EFFECT_TEXT[e] }))}
            onChange={(v) => set({ effect: REVERSAL_EFFECTS.find((e) => e === v) ?? "suspend" })}
          />
          <fieldset className="seq-fieldset">
            <legend className="field-label">Reversed steps</legend>
            {steps.length === 0 ? (
              <p className="field-hint">No steps yet.</p>
            ) : (
              <div className="seq-checklist seq-reversed-steps">
                {steps.map((c) => {
                  const chosen = value.steps.find((s) => s.stepId === c.id);
                  return (
                    <div key={c.id} className="seq-reversed-step">
                      <label className="seq-check">
                        <input
                          type="checkbox"
                          checked={chosen !== undefined}
                          onChange={(e) =>
                            onChange(toggleReversedStep(value, c.id, e.target.checked))
                          }
                        />
                        <span>{c.label}</span>
                      </label>
                      {chosen && (
                        <div className="seq-inline seq-indent">
                          <select
                            className="text-input"
                            aria-label={`${c.label}: in whole or in part`}
                            value={chosen.extent}
                            onChange={(e) =>
                              setStep(c.id, {
                                extent: e.target.value === "part" ? "part" : "whole",
                              })
                            }
                          >
                            <option value="whole">in whole</option>
                            <option value="part">in part</option>
                          </select>
                          {chosen.extent === "part" && (
                            <input
                              className="text-input"
                              aria-label={`${c.label}: which part`}
                              placeholder="which part, e.g. the oil embargo"
                              value={chosen.note}
                              onChange={(e) => setStep(c.id, { note: e.target.value })}
                            />
                          )}
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
            )}
          </fieldset>
          <SelectField
            label="Started by the notification"
            value={value.notificationMilestoneId}
            choices={milestones}
            empty="no notification named"
            onChange={(notificationMilestoneId) => set({ notificationMilestoneId })}
          />
          <fieldset className="seq-fieldset">
            <legend className="field-label">Dispute stages</legend>
            {value.stages.length === 0 && (
              <p className="field-hint">None: the reversal follows the notification directly.</p>
            )}
            {value.stages.map((stage, index) => {
              const label = `Stage ${index + 1}`;
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: stages have no id; their order is their identity
                <div key={index} className="seq-inline seq-wrap seq-stage">
                  <input
                    className="text-input"
                    aria-label={`${label}: name`}
                    placeholder="e.g. Joint Commission"
                    value={stage.name}
                    onChange={(e) =>
                      set({
                        stages: value.stages.map((s, i) =>
                          i === index ? { ...s, name: e.target.value } : s,
                        ),
                      })
                    }
                  />
                  <span className="seq-days-unit">within</span>
                  <SpanField
                    label={label}
                    legend={false}
                    value={stage.within}
                    onChange={(within) =>
                      set({
                        stages: value.stages.map((s, i) => (i === index ? { ...s, within } : s)),
                      })
                    }
                  />
                  <button
                    type="button"
                    className="button button-quiet button-danger-quiet button-small"
                    onClick={() => set({ stages: value.stages.filter((_, i) => i !== index) })}
                  >
                    Remove {label.toLowerCase()}
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button button-small"
              onClick={() =>
                set({
                  stages: [...value.stages, { name: "", within: { ...ZERO_SPAN, amount: "15" } }],
                })
              }
            >
              Add dispute stage
            </button>
          </fieldset>
        </>
      )}
    </fieldset>
  );
}

/** The cards of the sequencing graph: steps (coloured by actor), milestones, and phase columns. */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import type { MilestoneFlowNode, PhaseFlowNode, StepFlowNode } from "./flowElements.js";
import { stepChips } from "./layout.js";

const SEVERITY_LABEL = { error: "problem", warning: "warning", info: "note" } as const;

function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} className="seq-handle" isConnectable={false} />
      <Handle
        type="source"
        position={Position.Right}
        className="seq-handle"
        isConnectable={false}
      />
    </>
  );
}

export function StepNode({ data }: NodeProps<StepFlowNode>) {
  const { step } = data;
  const classes = [
    "seq-step",
    step.severity ? `seq-has-${step.severity}` : "",
    step.highlighted ? "seq-highlighted" : "",
    step.dimmed ? "seq-dimmed" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      className={classes}
      style={{ "--actor": step.colour } as React.CSSProperties}
      data-step-id={step.id}
      data-phase={step.phase ?? ""}
      data-reversible={step.reversible ? "true" : undefined}
      title={`${step.number ? `${step.number}. ` : ""}${step.actorName}: ${step.action}${step.reversedBy.length > 0 ? ` — ${step.reversedBy.join("; ")}` : ""} — click to edit`}
    >
      <Handles />
      <div className="seq-step-head">
        {step.number && <span className="seq-step-number">{step.number}</span>}
        <span className={`seq-actor${step.byBody ? " seq-actor-body" : ""}`}>
          {step.actorShortName}
        </span>
        <span className="seq-actor-name">
          {step.side ? `${step.side} · ` : ""}
          {step.joint ? "jointly: " : ""}
          {step.actorName}
        </span>
        {step.severity && (
          <span className={`seq-badge seq-badge-${step.severity}`}>
            {SEVERITY_LABEL[step.severity]}
          </span>
        )}
      </div>
      <p className="seq-step-action">{step.action}</p>
      {stepChips(step) > 0 && (
        <div className="seq-chips">
          {step.timing && (
            <span className="seq-chip seq-chip-time" title={step.timing}>
              {step.timing.replace(/^taken on /, "")}
            </span>
          )}
          {step.deadline && (
            <span className="seq-chip seq-chip-deadline" title={step.deadline}>
              {step.deadline}
            </span>
          )}
          {step.verifiedBy.length > 0 && (
            <span
              className="seq-chip seq-chip-verified"
              title={`verified by ${step.verifiedBy.join(", ")}`}
            >
              ✓ {step.verifiedBy.join(", ")}
            </span>
          )}
          {step.extent && (
            <span className="seq-chip seq-chip-extent" title={step.extent}>
              {step.extent}
            </span>
          )}
          {step.end && (
            <span className="seq-chip seq-chip-end" title={`ends: ${step.end}`}>
              {step.end === "no end" ? step.end : `lasts ${step.end}`}
            </span>
          )}
          {step.publicAct && (
            <span className="seq-chip seq-chip-public" title="public act, no verifier needed">
              public act
            </span>
          )}
          {step.reversible && (
            <span
              className="seq-chip seq-chip-reversible"
              title={step.reversedBy.length > 0 ? step.reversedBy.join("; ") : "reversible"}
            >
              ↺ {step.reversedBy.length > 0 ? step.reversedBy[0] : "reversible"}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export function MilestoneNode({ data }: NodeProps<MilestoneFlowNode>) {
  const { milestone } = data;
  const classes = [
    "seq-milestone",
    milestone.severity ? `seq-has-${milestone.severity}` : "",
    milestone.highlighted ? "seq-highlighted" : "",
    milestone.dimmed ? "seq-dimmed" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div
      className={classes}
      data-milestone-id={milestone.id}
      title={`${milestone.name}: ${milestone.when}`}
    >
      <Handles />
      <span className="seq-milestone-flag" aria-hidden="true">
        ◆
      </span>
      <div className="seq-milestone-text">
        <span className="seq-milestone-name">{milestone.name}</span>
        <span className="seq-milestone-when">{milestone.when}</span>
      </div>
    </div>
  );
}

export function PhaseNode({ data }: NodeProps<PhaseFlowNode>) {
  return (
    <div
      className={`seq-phase seq-phase-${data.index % 2 === 0 ? "even" : "odd"}`}
      style={{ width: data.width, height: data.height }}
      data-phase-label={data.label}
    >
      <div className="seq-phase-head">
        <span className="seq-phase-label">{data.label}</span>
        <span className="seq-phase-count">
          {data.stepCount} {data.stepCount === 1 ? "step" : "steps"}
        </span>
      </div>
    </div>
  );
}

/**
 * The `stepRef` node in the editor: a chip inside the term's text showing the step's live summary
 * ("Second Party: lifts the oil embargo — after Implementation Day, verified by IAEA"), updated for
 * everyone as soon as anyone edits the step; a deleted step shows as such. Clicking the chip opens
 * the step in the sequencing view.
 */
import "./stepRef.css";
import { readStepRefAttrs, StepRef } from "@parley/shared/schema/stepRef";
import {
  problemsInvolving,
  type SequencingProblem,
  summarizeStep,
} from "@parley/shared/sequencing/index";
import { NodeViewWrapper, type ReactNodeViewProps, ReactNodeViewRenderer } from "@tiptap/react";
import * as Y from "yjs";
import { useSequencing } from "./useSequencing.js";

export interface StepRefOptions {
  /** The framework Y.Doc whose sequencing records the references point at. */
  doc: Y.Doc | null;
  /** Opens the step (the sequencing view with its form). */
  onOpenStep: ((stepId: string) => void) | null;
}

/** The schema's `stepRef` node with the live React node view; replaces the plain one by name. */
export function stepRefWithView(doc: Y.Doc, onOpenStep: (stepId: string) => void) {
  return StepRef.extend<StepRefOptions>({
    addOptions() {
      return { doc: null, onOpenStep: null };
    },
    addNodeView() {
      return ReactNodeViewRenderer(StepRefChip, { as: "span" });
    },
  }).configure({ doc, onOpenStep });
}

function StepRefChip(props: ReactNodeViewProps<HTMLSpanElement>) {
  const doc: unknown = props.extension.options.doc;
  const attrs = readStepRefAttrs(props.node.attrs);
  if (!(doc instanceof Y.Doc) || !attrs.stepId.valid) {
    return (
      <NodeViewWrapper as="span" className="step-ref step-ref-invalid" contentEditable={false}>
        {attrs.stepId.valid ? `[step ${attrs.stepId.value}]` : `[${attrs.stepId.message}]`}
      </NodeViewWrapper>
    );
  }
  const open: unknown = props.extension.options.onOpenStep;
  return (
    <LiveStepRef
      doc={doc}
      stepId={attrs.stepId.value}
      selected={props.selected}
      onOpen={typeof open === "function" ? (id) => open(id) : null}
    />
  );
}

function LiveStepRef({
  doc,
  stepId,
  selected,
  onOpen,
}: {
  doc: Y.Doc;
  stepId: string;
  selected: boolean;
  onOpen: ((stepId: string) => void) | null;
}) {
  const state = useSequencing(doc);
  const summary = summarizeStep(stepId, state.snapshot, state.sequencingContext, state.resolutions);
  const problems: SequencingProblem[] = problemsInvolving(state.problems, "step", stepId);
  const severity = problems.some((p) => p.severity === "error")
    ? "error"
    : problems.length > 0
      ? "warning"
      : null;
  const classes = [
    "step-ref",
    summary.exists ? "" : "step-ref-deleted",
    severity ? `step-ref-${severity}` : "",
    selected ? "step-ref-selected" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <NodeViewWrapper
      as="span"
      className={classes}
      contentEditable={false}
      data-step-id={stepId}
      title={
        summary.exists
          ? `${summary.text}${problems.length > 0 ? `\n${problems.map((p) => p.message).join("\n")}` : ""}\nDouble-click to open the step.`
          : "This step was deleted from the sequencing."
      }
      onDoubleClick={() => onOpen?.(stepId)}
    >
      <span className="step-ref-icon" aria-hidden="true">
        ⇢
      </span>
      {summary.text}
    </NodeViewWrapper>
  );
}

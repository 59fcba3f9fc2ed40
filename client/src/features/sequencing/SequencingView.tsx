/**
 * The sequencing view of a framework: the steps as a graph by phase and actor (one proposal, or
 * two side by side), the live problems list, and the forms that add, edit and remove steps,
 * milestones, verification mechanisms, guarantees and proposals. Live for everyone: it renders
 * from the shared sequencing store, which follows the Y.Doc.
 */
import "@xyflow/react/dist/style.css";
import "./sequencing.css";
import type { Actor } from "@parley/shared/model/actor";
import { listTerms } from "@parley/shared/model/documentJson";
import type { SequencingProblem } from "@parley/shared/sequencing/index";
import type { Editor } from "@tiptap/core";
import { useEffect, useMemo, useState } from "react";
import type * as Y from "yjs";
import type { Choice } from "./formFields.js";
import { GuaranteeForm } from "./GuaranteeForm.js";
import { buildGraph, type GraphItemRef } from "./graphModel.js";
import { MechanismForm } from "./MechanismForm.js";
import { MilestoneForm } from "./MilestoneForm.js";
import { graphItemsOf, ProblemsList } from "./ProblemsList.js";
import { ProposalForm } from "./ProposalForm.js";
import { ProposalTabs } from "./ProposalTabs.js";
import { ReadOnlyDetails } from "./ReadOnlyDetails.js";
import {
  BodyList,
  type EditTarget,
  GuaranteeList,
  MechanismList,
  MilestoneList,
  SideList,
} from "./RecordLists.js";
import { SequencingGraph } from "./SequencingGraph.js";
import { BodyForm, SideForm } from "./SideBodyForms.js";
import { StepForm } from "./StepForm.js";
import { insertStepReference } from "./stepReference.js";
import { useSequencing } from "./useSequencing.js";
import type { SequencingWriter } from "./writer.js";

type PanelTab = "problems" | "milestones" | "verification" | "guarantees" | "actors";

export interface SequencingViewProps {
  doc: Y.Doc;
  editor: Editor;
  author: Actor;
  editable: boolean;
  /** A step to open at once (from a step reference in the text). */
  initialStepId?: string | null;
  /** Shows the text again (after inserting a step reference). */
  onShowText: () => void;
}

function termChoices(editor: Editor): Choice[] {
  return listTerms(editor.getJSON()).flatMap((t) =>
    t.termId === null
      ? []
      : [
          {
            id: t.termId,
            label: `${t.label} ${t.text.length > 48 ? `${t.text.slice(0, 47)}…` : t.text}`,
          },
        ],
  );
}

export function SequencingView(props: SequencingViewProps) {
  const { doc, editor } = props;
  const state = useSequencing(doc);
  const [proposalId, setProposalId] = useState<string | null>(null);
  const [compareId, setCompareId] = useState<string | null | undefined>(undefined);
  const [panel, setPanel] = useState<PanelTab>("problems");
  const [editing, setEditing] = useState<EditTarget | null>(
    props.initialStepId ? { kind: "step", id: props.initialStepId } : null,
  );
  const [selectedProblem, setSelectedProblem] = useState<{
    key: string;
    items: GraphItemRef[];
  } | null>(null);

  const writer: SequencingWriter = useMemo(
    () => ({ doc, options: { actor: props.author, context: state.sequencingContext } }),
    [doc, props.author, state.sequencingContext],
  );

  // A proposal removed by someone else: fall back to all steps.
  useEffect(() => {
    if (proposalId !== null && !state.snapshot.proposals.some((p) => p.id === proposalId)) {
      setProposalId(null);
    }
  }, [proposalId, state.snapshot.proposals]);

  // A problem that is gone (fixed, here or elsewhere) no longer highlights anything.
  const problemKeys = state.problems.map((p) => p.key).join("\n");
  useEffect(() => {
    if (selectedProblem && !problemKeys.split("\n").includes(selectedProblem.key)) {
      setSelectedProblem(null);
    }
  }, [problemKeys, selectedProblem]);

  const highlight = selectedProblem?.items ?? null;
  const model = useMemo(
    () => buildGraph(state, { proposalId, highlight }),
    [state, proposalId, highlight],
  );
  const comparing = compareId !== undefined;
  const compareModel = useMemo(
    () => (comparing ? buildGraph(state, { proposalId: compareId ?? null, highlight }) : null),
    [state, comparing, compareId, highlight],
  );
  const terms = useMemo(
    () => (editing?.kind === "step" ? termChoices(editor) : []),
    [editing, editor],
  );

  const selectProblem = (p: SequencingProblem | null) =>
    setSelectedProblem(p ? { key: p.key, items: graphItemsOf(p) } : null);
  const close = () => setEditing(null);
  const proposalName = (id: string | null) =>
    id === null ? "All steps" : (state.snapshot.proposals.find((p) => p.id === id)?.name ?? id);
  const errorCount = state.problems.filter((p) => p.severity === "error").length;
  const warningCount = state.problems.length - errorCount;

  const form = (() => {
    if (!editing) return null;
    const { snapshot } = state;
    switch (editing.kind) {
      case "step": {
        const step = editing.id ? (snapshot.steps.find((s) => s.id === editing.id) ?? null) : null;
        if (editing.id && !step) return <Gone what="step" onClose={close} />;
        const phase = model.columns.at(-1)?.phase;
        return (
          <StepForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            step={step}
            terms={terms}
            proposalId={proposalId}
            defaults={phase ? { phase } : {}}
            onClose={close}
            onSaved={close}
            onInsertReference={(stepId) => {
              insertStepReference(editor, stepId, step?.termId ?? null);
              props.onShowText();
            }}
          />
        );
      }
      case "milestone": {
        const m = editing.id
          ? (snapshot.milestones.find((x) => x.id === editing.id) ?? null)
          : null;
        if (editing.id && !m) return <Gone what="milestone" onClose={close} />;
        return (
          <MilestoneForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            milestone={m}
            onClose={close}
          />
        );
      }
      case "mechanism": {
        const m = editing.id
          ? (snapshot.mechanisms.find((x) => x.id === editing.id) ?? null)
          : null;
        if (editing.id && !m) return <Gone what="verification mechanism" onClose={close} />;
        return (
          <MechanismForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            mechanism={m}
            onClose={close}
          />
        );
      }
      case "guarantee": {
        const g = editing.id
          ? (snapshot.guarantees.find((x) => x.id === editing.id) ?? null)
          : null;
        if (editing.id && !g) return <Gone what="guarantee" onClose={close} />;
        return (
          <GuaranteeForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            guarantee={g}
            onClose={close}
          />
        );
      }
      case "side": {
        const x = editing.id ? (snapshot.sides.find((r) => r.id === editing.id) ?? null) : null;
        if (editing.id && !x) return <Gone what="side" onClose={close} />;
        return (
          <SideForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            side={x}
            onClose={close}
          />
        );
      }
      case "body": {
        const x = editing.id ? (snapshot.bodies.find((r) => r.id === editing.id) ?? null) : null;
        if (editing.id && !x) return <Gone what="body" onClose={close} />;
        return (
          <BodyForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            body={x}
            onClose={close}
          />
        );
      }
      case "proposal": {
        const p = editing.id ? (snapshot.proposals.find((x) => x.id === editing.id) ?? null) : null;
        if (editing.id && !p) return <Gone what="proposal" onClose={close} />;
        return (
          <ProposalForm
            key={editing.id ?? "new"}
            state={state}
            writer={writer}
            proposal={p}
            onClose={close}
            onSaved={(saved) => {
              setProposalId(saved.id);
              close();
            }}
            onRemoved={() => {
              setProposalId(null);
              close();
            }}
          />
        );
      }
    }
  })();

  return (
    <section className="seq-view" aria-label="Sequencing">
      <div className="seq-head">
        <ProposalTabs
          proposals={state.snapshot.proposals}
          selected={proposalId}
          onSelect={setProposalId}
          onEdit={props.editable ? (id) => setEditing({ kind: "proposal", id }) : null}
        />
        <div className="seq-head-actions">
          <label className="seq-check seq-compare">
            <input
              type="checkbox"
              checked={comparing}
              disabled={state.snapshot.proposals.length === 0}
              onChange={(e) =>
                setCompareId(
                  e.target.checked
                    ? (state.snapshot.proposals.find((p) => p.id !== proposalId)?.id ?? null)
                    : undefined,
                )
              }
            />
            <span>Side by side</span>
          </label>
          {props.editable && (
            <>
              <button
                type="button"
                className="button button-small"
                onClick={() => setEditing({ kind: "milestone", id: null })}
              >
                Add milestone
              </button>
              <button
                type="button"
                className="button button-primary button-small"
                onClick={() => setEditing({ kind: "step", id: null })}
              >
                Add step
              </button>
            </>
          )}
        </div>
      </div>
      <div className="seq-body">
        <div className={`seq-graphs${comparing ? " seq-graphs-two" : ""}`}>
          <div className="seq-graph-pane">
            {comparing && <h3 className="seq-pane-title">{proposalName(proposalId)}</h3>}
            <SequencingGraph
              model={model}
              label={`Sequencing graph: ${proposalName(proposalId)}`}
              onOpen={(item) => setEditing(item)}
            />
          </div>
          {comparing && compareModel && (
            <div className="seq-graph-pane">
              <select
                className="text-input seq-pane-select"
                aria-label="Proposal shown on the right"
                value={compareId ?? ""}
                onChange={(e) => setCompareId(e.target.value === "" ? null : e.target.value)}
              >
                <option value="">All steps</option>
                {state.snapshot.proposals.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              <SequencingGraph
                model={compareModel}
                legend={false}
                label={`Sequencing graph: ${proposalName(compareId ?? null)}`}
                onOpen={(item) => setEditing(item)}
              />
            </div>
          )}
        </div>
        <aside className="seq-panel" aria-label="Sequencing details">
          {form && props.editable ? (
            form
          ) : editing && (editing.kind === "step" || editing.kind === "milestone") && editing.id ? (
            <ReadOnlyDetails
              state={state}
              item={{ kind: editing.kind, id: editing.id }}
              onClose={close}
            />
          ) : (
            <>
              <div className="seq-panel-tabs" role="tablist" aria-label="Details">
                <PanelTabButton tab="problems" current={panel} onSelect={setPanel}>
                  Problems
                  {state.problems.length > 0 && (
                    <span
                      className={`seq-count ${errorCount > 0 ? "seq-count-error" : "seq-count-warning"}`}
                      title={`${errorCount} errors, ${warningCount} warnings`}
                    >
                      {state.problems.length}
                    </span>
                  )}
                </PanelTabButton>
                <PanelTabButton tab="milestones" current={panel} onSelect={setPanel}>
                  Milestones
                </PanelTabButton>
                <PanelTabButton tab="verification" current={panel} onSelect={setPanel}>
                  Verification
                </PanelTabButton>
                <PanelTabButton tab="guarantees" current={panel} onSelect={setPanel}>
                  Guarantees
                </PanelTabButton>
                <PanelTabButton tab="actors" current={panel} onSelect={setPanel}>
                  Sides &amp; bodies
                </PanelTabButton>
              </div>
              <div className="seq-panel-body" role="tabpanel">
                {panel === "problems" && (
                  <ProblemsList
                    problems={state.problems}
                    selectedKey={selectedProblem?.key ?? null}
                    onSelect={selectProblem}
                  />
                )}
                {panel === "milestones" && <MilestoneList state={state} onEdit={setEditing} />}
                {panel === "verification" && <MechanismList state={state} onEdit={setEditing} />}
                {panel === "guarantees" && <GuaranteeList state={state} onEdit={setEditing} />}
                {panel === "actors" && (
                  <>
                    <SideList state={state} onEdit={setEditing} />
                    <BodyList state={state} onEdit={setEditing} />
                  </>
                )}
              </div>
            </>
          )}
        </aside>
      </div>
    </section>
  );
}

function PanelTabButton({
  tab,
  current,
  onSelect,
  children,
}: {
  tab: PanelTab;
  current: PanelTab;
  onSelect: (tab: PanelTab) => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={tab === current}
      className="seq-panel-tab"
      onClick={() => onSelect(tab)}
    >
      {children}
    </button>
  );
}

function Gone({ what, onClose }: { what: string; onClose: () => void }) {
  return (
    <div className="seq-form">
      <p className="banner banner-warn" role="status">
        This {what} was removed by someone else.
      </p>
      <button type="button" className="button button-small" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

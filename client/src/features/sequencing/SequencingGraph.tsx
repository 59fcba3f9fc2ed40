/**
 * One sequencing graph (all steps, or one proposal's), laid out by ELK and drawn by React Flow.
 * Layout runs again whenever the model changes (any edit, by anyone); clicking a card opens it.
 */
import {
  Background,
  BackgroundVariant,
  Controls,
  type EdgeTypes,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import {
  type RoutedFlowEdge,
  type SequencingFlowNode,
  toFlowEdges,
  toFlowNodes,
} from "./flowElements.js";
import { GraphLegend } from "./GraphLegend.js";
import { MilestoneNode, PhaseNode, StepNode } from "./GraphNodes.js";
import type { GraphItemRef, GraphModel } from "./graphModel.js";
import { layoutGraph } from "./layout.js";
import { RoutedEdge } from "./RoutedEdge.js";

const nodeTypes: NodeTypes = { step: StepNode, milestone: MilestoneNode, phase: PhaseNode };
const edgeTypes: EdgeTypes = { routed: RoutedEdge };

interface GraphProps {
  model: GraphModel;
  label: string;
  /** Draw the key (off for the second of two graphs side by side). */
  legend?: boolean;
  onOpen: (item: GraphItemRef) => void;
}

export function SequencingGraph(props: GraphProps) {
  return (
    <ReactFlowProvider>
      <LaidOutGraph {...props} />
    </ReactFlowProvider>
  );
}

function LaidOutGraph({ model, label, legend = true, onOpen }: GraphProps) {
  const [laid, setLaid] = useState<{
    nodes: SequencingFlowNode[];
    edges: RoutedFlowEdge[];
    key: string;
  } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const key = useMemo(() => JSON.stringify(model), [model]);
  const flow = useReactFlow();

  // `key` stands for `model`: the same content needs no new layout.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the model is compared by content
  useEffect(() => {
    let cancelled = false;
    layoutGraph(model).then(
      ({ positions, routes }) => {
        if (cancelled) return;
        setFailure(null);
        setLaid({
          nodes: toFlowNodes(model, positions),
          edges: toFlowEdges(model, routes),
          key,
        });
      },
      (error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key]);

  // Fit the view when the set of nodes or the pane's size (as React Flow sees it) changes — not
  // on every edit of a card's text, which would undo the person's own zoom.
  const size = useStore((s) => (s.width > 0 && s.height > 0 ? `${s.width}x${s.height}` : ""));
  const shape = laid ? laid.nodes.map((n) => n.id).join("|") : "";
  const fitKey = `${shape}@${size}`;
  const [fittedFor, setFittedFor] = useState("");
  // Fit only once React Flow has measured every card (a fit before that ignores them).
  const measured = useNodesInitialized();
  useEffect(() => {
    if (!shape || !size || !measured) return;
    let cancelled = false;
    void flow.fitView({ padding: 0.06, maxZoom: 1, duration: 0 }).then(() => {
      if (!cancelled) setFittedFor(fitKey);
    });
    return () => {
      cancelled = true;
    };
  }, [fitKey, shape, size, measured, flow]);

  const ready = laid !== null && laid.key === key;
  const stepCount = model.nodes.filter((n) => n.kind === "step").length;
  return (
    <section
      className="seq-graph"
      aria-label={label}
      aria-busy={!ready}
      data-layout={ready ? "done" : "pending"}
      data-steps={stepCount}
      data-fitted={ready && fittedFor === fitKey ? "true" : "false"}
    >
      {failure && (
        <p className="banner banner-error seq-graph-banner" role="alert">
          The graph could not be laid out: {failure}
        </p>
      )}
      {stepCount === 0 && (
        <div className="seq-graph-empty">
          <p>No steps here yet.</p>
          <p className="field-hint">Add a step: who does what, after what, verified by whom.</p>
        </div>
      )}
      <ReactFlow
        nodes={laid?.nodes ?? []}
        edges={laid?.edges ?? []}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesFocusable={false}
        elementsSelectable
        minZoom={0.2}
        maxZoom={1.6}
        onNodeClick={(_, node) => {
          if (node.type === "step" || node.type === "milestone") {
            onOpen({ kind: node.type, id: node.id });
          }
        }}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1} color="#d5dae3" />
        <Controls showInteractive={false} position="bottom-left" />
        {legend && <GraphLegend model={model} />}
      </ReactFlow>
    </section>
  );
}

/**
 * The laid-out graph model as React Flow nodes and edges: phase columns as background bands,
 * steps and milestones as cards, edges styled by kind (dependency, verification, milestone,
 * simultaneity) and flagged when they close a cycle. Pure (tested): the components only draw.
 */
import type { Edge, Node } from "@xyflow/react";
import { MarkerType } from "@xyflow/react";
import type { GraphEdge, GraphModel, MilestoneGraphNode, StepGraphNode } from "./graphModel.js";
import { columnBands, type Point, type Positions } from "./layout.js";

export type StepFlowNode = Node<{ step: StepGraphNode; height: number }, "step">;
export type MilestoneFlowNode = Node<{ milestone: MilestoneGraphNode }, "milestone">;
export type PhaseFlowNode = Node<
  { label: string; stepCount: number; width: number; height: number; index: number },
  "phase"
>;
export type SequencingFlowNode = StepFlowNode | MilestoneFlowNode | PhaseFlowNode;

export interface RoutedEdgeData extends Record<string, unknown> {
  kind: GraphEdge["kind"];
  cycle: GraphEdge["cycle"];
  /** ELK's route (absolute coordinates); empty: draw a plain curve between the handles. */
  points: Point[];
  colour: string;
  text: string | null;
}
export type RoutedFlowEdge = Edge<RoutedEdgeData, "routed">;

const EDGE_COLOURS = {
  depends: "#5b6676",
  verification: "#0f766e",
  milestone: "#9a7b2f",
  simultaneous: "#7c3aed",
  reversal: "#b91c1c",
  ends: "#64748b",
  cycleError: "#dc2626",
  cycleWarning: "#d97706",
} as const;

export function edgeColour(edge: GraphEdge): string {
  if (edge.cycle === "error") return EDGE_COLOURS.cycleError;
  if (edge.cycle !== null) return EDGE_COLOURS.cycleWarning;
  return EDGE_COLOURS[edge.kind];
}

function edgeClass(edge: GraphEdge): string {
  return [
    "seq-edge",
    `seq-edge-${edge.kind}`,
    edge.alternative ? "seq-edge-alternative" : "",
    edge.negated ? "seq-edge-negated" : "",
    edge.cycle ? `seq-edge-cycle seq-edge-cycle-${edge.cycle}` : "",
    edge.highlighted ? "seq-edge-highlighted" : "",
  ]
    .filter(Boolean)
    .join(" ");
}

export function toFlowEdges(
  model: GraphModel,
  routes: ReadonlyMap<string, Point[]> = new Map(),
): RoutedFlowEdge[] {
  // One label per target and text: two reports into one milestone need not say it twice.
  const labelled = new Set<string>();
  return model.edges.map((edge): RoutedFlowEdge => {
    const labelKey = `${edge.target}:${edge.label}`;
    const showLabel = edge.cycle !== null || !labelled.has(labelKey);
    labelled.add(labelKey);
    const colour = edgeColour(edge);
    const dashed =
      edge.kind === "verification"
        ? "6 4"
        : edge.kind === "simultaneous" || edge.kind === "ends"
          ? "2 4"
          : edge.kind === "reversal" || edge.negated
            ? "4 3"
            : edge.alternative
              ? "8 5"
              : undefined;
    return {
      id: edge.id,
      source: edge.source,
      target: edge.target,
      type: "routed",
      className: edgeClass(edge),
      animated: edge.cycle !== null,
      interactionWidth: 0,
      focusable: false,
      selectable: false,
      style: {
        stroke: colour,
        strokeWidth: edge.cycle || edge.highlighted ? 2.5 : 1.6,
        ...(dashed ? { strokeDasharray: dashed } : {}),
      },
      ...(edge.kind === "simultaneous"
        ? {}
        : { markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 16, height: 16 } }),
      data: {
        kind: edge.kind,
        cycle: edge.cycle,
        points: routes.get(edge.id) ?? [],
        colour,
        text: edge.cycle
          ? edge.label
            ? `cycle · ${edge.label}`
            : "cycle"
          : showLabel
            ? edge.label
            : null,
      },
    };
  });
}

export function toFlowNodes(model: GraphModel, positions: Positions): SequencingFlowNode[] {
  const bands: PhaseFlowNode[] = columnBands(model, positions).map((band, index) => ({
    id: `phase:${band.partition}`,
    type: "phase",
    position: { x: band.box.x, y: band.box.y },
    data: {
      label: band.label,
      stepCount: band.stepCount,
      width: band.box.width,
      height: band.box.height,
      index,
    },
    style: { width: band.box.width, height: band.box.height },
    // Sizes are fixed by the layout: React Flow needs no measuring to fit the view.
    width: band.box.width,
    height: band.box.height,
    measured: { width: band.box.width, height: band.box.height },
    draggable: false,
    selectable: false,
    focusable: false,
    zIndex: -1,
  }));
  const cards: SequencingFlowNode[] = model.nodes.flatMap((node): SequencingFlowNode[] => {
    const box = positions.get(node.id);
    if (!box) return [];
    const position = { x: box.x, y: box.y };
    const size = {
      style: { width: box.width, height: box.height },
      width: box.width,
      height: box.height,
      measured: { width: box.width, height: box.height },
    };
    if (node.kind === "step") {
      return [
        {
          id: node.id,
          type: "step",
          position,
          data: { step: node, height: box.height },
          ...size,
          draggable: false,
        },
      ];
    }
    return [
      {
        id: node.id,
        type: "milestone",
        position,
        data: { milestone: node },
        ...size,
        draggable: false,
      },
    ];
  });
  return [...bands, ...cards];
}

/**
 * Layout of the sequencing graph with ELK's layered algorithm: left to right, one partition per
 * column (phases, and the gaps between them for milestones), so every step of a phase lines up in
 * that phase's column and dependencies inside a phase still read left to right.
 * `toElkGraph` is pure (tested); `layoutGraph` runs ELK (pure JS, no worker needed).
 */
import type { ElkNode } from "elkjs/lib/elk-api.js";
import { type GraphModel, type GraphNode, orders } from "./graphModel.js";

export const STEP_WIDTH = 236;
export const MILESTONE_WIDTH = 176;
export const MILESTONE_HEIGHT = 76;

/** Rough text metrics of the node cards (13.5px UI font): enough to keep cards from overlapping. */
/** Conservative: words wrap early. */
const CHARS_PER_LINE = 27;
const LINE_HEIGHT = 19;

/** Height of a node's card: the layout reserves it and the card is drawn at exactly this height. */
export function nodeHeight(node: GraphNode): number {
  if (node.kind === "milestone") return MILESTONE_HEIGHT;
  const lines = Math.min(3, Math.max(1, Math.ceil(node.action.length / CHARS_PER_LINE)));
  // Chips wrap: the long ones (times, reversal) take a row each, the short ones go two to a row.
  const long = [node.timing, node.deadline, node.reversible].filter(Boolean).length;
  const chipRows = long + Math.ceil((stepChips(node) - long) / 2);
  // padding 19 + head 18 + gaps; a chip row is 20 high plus its gap
  return 50 + lines * LINE_HEIGHT + chipRows * 26;
}

/** How many chips a step card shows (time, deadline, verification, end, extent, public act, reversal). */
export function stepChips(node: Extract<GraphNode, { kind: "step" }>): number {
  return [
    node.timing,
    node.deadline,
    node.verifiedBy.length > 0,
    node.end,
    node.extent,
    node.publicAct,
    node.reversible,
  ].filter(Boolean).length;
}

export function nodeWidth(node: GraphNode): number {
  return node.kind === "step" ? STEP_WIDTH : MILESTONE_WIDTH;
}

/**
 * Whether an edge orders the layout. Simultaneity does not; nor does a milestone defined from
 * another in the same column ("Transition Day = Implementation Day + 365 days"): the two stack in
 * one column instead of taking a column each, joined by a short vertical link.
 */
export function isLaidOut(edge: GraphModel["edges"][number], model: GraphModel): boolean {
  if (!orders(edge.kind)) return false;
  const source = model.nodes.find((n) => n.id === edge.source);
  const target = model.nodes.find((n) => n.id === edge.target);
  if (!source || !target) return false;
  return !(
    source.kind === "milestone" &&
    target.kind === "milestone" &&
    source.partition === target.partition
  );
}

export function toElkGraph(model: GraphModel): ElkNode {
  return {
    id: "sequencing",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.partitioning.activate": "true",
      // Partitions must hold across the whole graph, not per connected component.
      "elk.separateConnectedComponents": "false",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.spacing.nodeNodeBetweenLayers": "52",
      "elk.layered.spacing.edgeNodeBetweenLayers": "20",
      "elk.spacing.nodeNode": "26",
      "elk.spacing.edgeNode": "16",
      "elk.spacing.edgeEdge": "10",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.crossingMinimization.forceNodeModelOrder": "false",
      "elk.padding": "[top=56,left=24,bottom=24,right=24]",
    },
    children: model.nodes.map((n) => ({
      id: n.id,
      width: nodeWidth(n),
      height: nodeHeight(n),
      layoutOptions: { "elk.partitioning.partition": String(n.partition) },
    })),
    // Simultaneity, reversal and end links are drawn but do not order anything.
    edges: model.edges
      .filter((e) => isLaidOut(e, model))
      .map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Positions = Map<string, Box>;

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  positions: Positions;
  /** ELK's orthogonal route of each laid-out edge (start, bends, end), around the cards. */
  routes: Map<string, Point[]>;
}

/** Runs ELK; resolves to each node's box and each edge's route. */
export async function layoutGraph(model: GraphModel): Promise<Layout> {
  const { default: ELK } = await import("elkjs/lib/elk.bundled.js");
  const elk = new ELK();
  const laid = await elk.layout(toElkGraph(model));
  const positions: Positions = new Map();
  for (const child of laid.children ?? []) {
    positions.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
  }
  const routes = new Map<string, Point[]>();
  for (const edge of laid.edges ?? []) {
    const points = (edge.sections ?? []).flatMap((section) => [
      section.startPoint,
      ...(section.bendPoints ?? []),
      section.endPoint,
    ]);
    if (points.length >= 2) routes.set(edge.id, points);
  }
  // Links that were not laid out: straight from one card to the other (stacked milestones).
  for (const edge of model.edges) {
    if (routes.has(edge.id)) continue;
    const a = positions.get(edge.source);
    const b = positions.get(edge.target);
    if (!a || !b) continue;
    routes.set(edge.id, straightLink(a, b));
  }
  return { positions, routes };
}

/** From the side of box `a` that faces box `b` to the facing side of `b`, centre to centre. */
export function straightLink(a: Box, b: Box): Point[] {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const horizontalGap = Math.max(b.x - (a.x + a.width), a.x - (b.x + b.width));
  const verticalGap = Math.max(b.y - (a.y + a.height), a.y - (b.y + b.height));
  if (verticalGap >= horizontalGap) {
    const down = cb.y > ca.y;
    return [
      { x: ca.x, y: down ? a.y + a.height : a.y },
      { x: cb.x, y: down ? b.y : b.y + b.height },
    ];
  }
  const right = cb.x > ca.x;
  return [
    { x: right ? a.x + a.width : a.x, y: ca.y },
    { x: right ? b.x : b.x + b.width, y: cb.y },
  ];
}

/** An SVG path through the points with rounded corners (radius shrinks on short segments). */
export function roundedPath(points: readonly Point[], radius = 8): string {
  if (points.length === 0) return "";
  const [first, ...rest] = points;
  let d = `M ${first!.x} ${first!.y}`;
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i]!;
    const next = rest[i + 1];
    if (!next) {
      d += ` L ${corner.x} ${corner.y}`;
      break;
    }
    const prev = i === 0 ? first! : rest[i - 1]!;
    const inLen = Math.hypot(corner.x - prev.x, corner.y - prev.y);
    const outLen = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    const before = {
      x: corner.x - ((corner.x - prev.x) / (inLen || 1)) * r,
      y: corner.y - ((corner.y - prev.y) / (inLen || 1)) * r,
    };
    const after = {
      x: corner.x + ((next.x - corner.x) / (outLen || 1)) * r,
      y: corner.y + ((next.y - corner.y) / (outLen || 1)) * r,
    };
    d += ` L ${before.x} ${before.y} Q ${corner.x} ${corner.y} ${after.x} ${after.y}`;
  }
  return d;
}

/** The length of a route's longest segment (a label needs room to sit on it). */
export function longestSegment(points: readonly Point[]): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    best = Math.max(best, Math.hypot(b.x - a.x, b.y - a.y));
  }
  return best;
}

/** Where a route's label goes: the middle of its longest segment. */
export function labelPoint(points: readonly Point[]): Point {
  let best = { x: points[0]?.x ?? 0, y: points[0]?.y ?? 0 };
  let bestLength = -1;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const length = Math.hypot(b.x - a.x, b.y - a.y);
    if (length > bestLength) {
      bestLength = length;
      best = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    }
  }
  return best;
}

/** The band of each phase column: from its leftmost to its rightmost step, over the full height. */
export function columnBands(
  model: GraphModel,
  positions: Positions,
  padding = 16,
): Array<{ label: string; partition: number; box: Box; stepCount: number }> {
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const box of positions.values()) {
    top = Math.min(top, box.y);
    bottom = Math.max(bottom, box.y + box.height);
  }
  if (!Number.isFinite(top)) return [];
  const out: Array<{ label: string; partition: number; box: Box; stepCount: number }> = [];
  for (const column of model.columns) {
    const boxes = column.stepIds.flatMap((id) => {
      const b = positions.get(id);
      return b ? [b] : [];
    });
    if (boxes.length === 0) continue;
    const left = Math.min(...boxes.map((b) => b.x)) - padding;
    const right = Math.max(...boxes.map((b) => b.x + b.width)) + padding;
    out.push({
      label: column.label,
      partition: column.partition,
      stepCount: boxes.length,
      box: { x: left, y: top - 44, width: right - left, height: bottom - top + 44 + padding },
    });
  }
  return out;
}

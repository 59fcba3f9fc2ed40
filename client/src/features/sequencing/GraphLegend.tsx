/** The key of the sequencing graph: who each colour is, and what each kind of line means. */
import { Panel } from "@xyflow/react";
import type { GraphModel } from "./graphModel.js";

const LINES = [
  { label: "waits for", colour: "#5b6676", dash: undefined },
  { label: "verification report", colour: "#0f766e", dash: "6 4" },
  { label: "milestone", colour: "#9a7b2f", dash: undefined },
  { label: "one of several (OR)", colour: "#5b6676", dash: "8 5" },
  { label: "cycle", colour: "#dc2626", dash: undefined },
] as const;

/** Lines shown only when the graph has them: reversal, end (sunset), "unless" (NOT). */
const OPTIONAL_LINES = [
  {
    label: "reverses",
    colour: "#b91c1c",
    dash: "4 3",
    shown: (m: GraphModel) => m.edges.some((e) => e.kind === "reversal"),
  },
  {
    label: "ends (sunset)",
    colour: "#64748b",
    dash: "2 4",
    shown: (m: GraphModel) => m.edges.some((e) => e.kind === "ends"),
  },
  {
    label: "unless (NOT)",
    colour: "#5b6676",
    dash: "4 3",
    shown: (m: GraphModel) => m.edges.some((e) => e.negated),
  },
] as const;

/** The actors drawn in the graph, once each, in the order they first appear. */
export function legendActors(model: GraphModel): { name: string; colour: string }[] {
  const seen = new Map<string, { name: string; colour: string }>();
  for (const node of model.nodes) {
    if (node.kind === "step" && !seen.has(node.actorName)) {
      seen.set(node.actorName, { name: node.actorName, colour: node.colour });
    }
  }
  return [...seen.values()];
}

export function GraphLegend({ model }: { model: GraphModel }) {
  const actors = legendActors(model);
  if (actors.length === 0) return null;
  return (
    <Panel position="top-left" className="seq-legend" aria-label="Legend">
      <ul className="seq-legend-actors">
        {actors.map((a) => (
          <li key={a.name} className="seq-legend-item">
            <span className="seq-legend-swatch" style={{ background: a.colour }} />
            {a.name}
          </li>
        ))}
      </ul>
      <ul className="seq-legend-lines">
        {[...LINES, ...OPTIONAL_LINES.filter((l) => l.shown(model))].map((line) => (
          <li key={line.label} className="seq-legend-item">
            <svg width="26" height="8" aria-hidden="true">
              <line
                x1="1"
                y1="4"
                x2="25"
                y2="4"
                stroke={line.colour}
                strokeWidth="2"
                strokeDasharray={line.dash}
              />
            </svg>
            {line.label}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

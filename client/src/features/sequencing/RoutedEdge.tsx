/**
 * An edge drawn along ELK's orthogonal route (around the cards), with its label on the longest
 * segment; without a route (simultaneity is not laid out) a plain curve between the handles.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";
import type { RoutedFlowEdge } from "./flowElements.js";
import { labelPoint, roundedPath } from "./layout.js";

export function RoutedEdge(props: EdgeProps<RoutedFlowEdge>) {
  const { data } = props;
  const points = data?.points ?? [];
  let path: string;
  let label: { x: number; y: number };
  if (points.length >= 2) {
    path = roundedPath(points);
    label = labelPoint(points);
  } else {
    const [bezier, x, y] = getBezierPath(props);
    path = bezier;
    label = { x, y };
  }
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        markerEnd={props.markerEnd}
        style={props.style}
        interactionWidth={0}
      />
      {data?.text && (
        <EdgeLabelRenderer>
          <div
            className={`seq-edge-label${data.cycle ? ` seq-edge-label-${data.cycle}` : ""}`}
            style={{
              transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)`,
              color: data.colour,
              borderColor: data.colour,
            }}
          >
            {data.text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

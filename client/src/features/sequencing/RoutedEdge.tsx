/**
 * An edge drawn along ELK's orthogonal route (around the cards), with its label on the longest
 * segment; without a route (simultaneity is not laid out) a plain curve between the handles.
 */
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";
import type { RoutedFlowEdge } from "./flowElements.js";
import { labelPoint, longestSegment, roundedPath } from "./layout.js";

/** Below this, a label would cover the cards at either end: the line's style and the legend say it. */
const MIN_LABEL_ROOM = 7 * 14;

export function RoutedEdge(props: EdgeProps<RoutedFlowEdge>) {
  const { data } = props;
  const points = data?.points ?? [];
  let path: string;
  let label: { x: number; y: number };
  let room = Number.POSITIVE_INFINITY;
  if (points.length >= 2) {
    path = roundedPath(points);
    label = labelPoint(points);
    room = longestSegment(points);
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
      {data?.text &&
        (data.cycle !== null || room >= Math.max(MIN_LABEL_ROOM, data.text.length * 6.2)) && (
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

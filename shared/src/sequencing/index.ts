/**
 * Sequencing: milestones, steps, verification mechanisms, guarantees and alternative proposals of
 * a negotiation framework, stored in the framework Y.Doc, with the milestone computation, the
 * checks and step summaries. Pure: no DOM, no I/O.
 *
 * Reading:   `readSnapshot(doc)` → `SequencingSnapshot`; `subscribeSequencing(doc, listener)`.
 * Writing:   `steps.add(doc, input, { actor, context })` (and `.update`, `.remove`; likewise
 *            `milestones`, `mechanisms`, `guarantees`, `proposals`) → `Result` (refused with a
 *            clear message, nothing written).
 * Computing: `computeMilestones(snapshot)` + `describeResolution`; `checkAll(snapshot, context)`;
 *            `summarizeStep(stepId, snapshot, context)`; `dependencyEdges` for drawing the graph.
 */
export * from "./accessors.js";
export * from "./checks/index.js";
export * from "./common.js";
export * from "./context.js";
export { dependencyEdges, dependsOn, milestoneWaits } from "./dependencies.js";
export { elementaryCycles } from "./graph.js";
export * from "./guarantee.js";
export * from "./mechanism.js";
export * from "./milestone.js";
export * from "./milestones.js";
export * from "./proposal.js";
export * from "./refs.js";
export * from "./snapshot.js";
export * from "./step.js";
export * from "./store.js";
export * from "./summary.js";

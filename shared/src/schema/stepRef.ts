/**
 * The `stepRef` node: a reference to a sequencing step inside a term's text ("… as set out in
 * [Party A: suspends enrichment — after Adoption Day]"). An inline atom: the text it shows is not
 * stored, the client draws the step's live summary (`summarizeStep`) in a node view, the export
 * renders it from the stored records.
 *
 * Attribute (validated on read by `readStepRefAttrs`, never on load, so a bad stored value still
 * opens): `stepId`, the id of a record in the framework's `sequencing.steps` map.
 *
 * HTML: `<span data-type="step-ref" data-step-id="…">step …</span>`.
 */
import { mergeAttributes, Node } from "@tiptap/core";
import { type Checked, checked } from "../model/attr.js";
import { RecordId } from "../sequencing/common.js";

export const STEP_REF_NODE = "stepRef";
export const STEP_REF_ATTR = "stepId";

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    stepRef: {
      /** Inserts a reference to the step at the selection (replacing a selected range). */
      insertStepRef: (stepId: string) => ReturnType;
    };
  }
}

const stepIdSchema = RecordId;

/** The attributes of a `stepRef` node as read from JSON, a PM node or a Y.XmlElement. Never throws. */
export function readStepRefAttrs(attrs: Record<string, unknown> | null | undefined): {
  stepId: Checked<string>;
} {
  return { stepId: checked(stepIdSchema, attrs?.[STEP_REF_ATTR], "step id") };
}

/** Whether `value` is a well-formed step id (what `insertStepRef` accepts). */
export function isStepId(value: unknown): value is string {
  return stepIdSchema.safeParse(value).success;
}

/** Plain text for a reference, where no summary is at hand (copy as text, search). */
export function stepRefText(stepId: unknown): string {
  return `[step ${typeof stepId === "string" ? stepId : "?"}]`;
}

export const StepRef = Node.create({
  name: STEP_REF_NODE,
  group: "inline",
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      [STEP_REF_ATTR]: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-step-id"),
        renderHTML: (attrs) => {
          const id: unknown = attrs[STEP_REF_ATTR];
          return typeof id === "string" ? { "data-step-id": id } : {};
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-type="step-ref"]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      "span",
      mergeAttributes({ "data-type": "step-ref", class: "step-ref" }, HTMLAttributes),
      stepRefText(node.attrs[STEP_REF_ATTR]),
    ];
  },

  renderText({ node }) {
    return stepRefText(node.attrs[STEP_REF_ATTR]);
  },

  addCommands() {
    return {
      insertStepRef:
        (stepId) =>
        ({ commands }) => {
          if (!isStepId(stepId)) return false;
          return commands.insertContent({
            type: STEP_REF_NODE,
            attrs: { [STEP_REF_ATTR]: stepId },
          });
        },
    };
  },
});

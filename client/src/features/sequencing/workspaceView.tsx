/**
 * How the sequencing view sits in a framework's workspace: the Text / Sequencing tabs of the
 * document bar (routes `/f/:id` and `/f/:id/sequencing`), the live step-reference node view for the
 * editor, and the sequencing view itself, loaded on first use (ELK and React Flow stay out of the
 * editor's bundle).
 */
import type { Editor } from "@tiptap/core";
import { lazy, Suspense, useMemo, useRef } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type * as Y from "yjs";
import { stepRefWithView } from "./StepRefView.js";

const SequencingView = lazy(() =>
  import("./SequencingView.js").then((m) => ({ default: m.SequencingView })),
);

export type WorkspaceView = "text" | "sequencing";

/** Which view the URL asks for: `/f/:id/sequencing` or the text. */
export function useWorkspaceView(): WorkspaceView {
  const params = useParams();
  return params["*"] === "sequencing" ? "sequencing" : "text";
}

export function sequencingPath(frameworkId: string, stepId?: string): string {
  return `/f/${frameworkId}/sequencing${stepId ? `?step=${encodeURIComponent(stepId)}` : ""}`;
}

export function WorkspaceViewTabs({
  frameworkId,
  view,
}: {
  frameworkId: string;
  view: WorkspaceView;
}) {
  return (
    <nav className="view-tabs" aria-label="Views">
      <Link
        to={`/f/${frameworkId}`}
        className="view-tab"
        aria-current={view === "text" ? "page" : undefined}
      >
        Text
      </Link>
      <Link
        to={sequencingPath(frameworkId)}
        className="view-tab"
        aria-current={view === "sequencing" ? "page" : undefined}
      >
        Sequencing
      </Link>
    </nav>
  );
}

/** The editor's `stepRef` with its live node view; double-clicking one opens the step. */
export function useStepRefExtension(doc: Y.Doc, frameworkId: string) {
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  return useMemo(
    () =>
      stepRefWithView(doc, (stepId) => {
        void navigateRef.current(sequencingPath(frameworkId, stepId));
      }),
    [doc, frameworkId],
  );
}

export function SequencingPanel({
  doc,
  editor,
  frameworkId,
  authorName,
  authorPartyId = null,
  editable,
}: {
  doc: Y.Doc;
  editor: Editor;
  frameworkId: string;
  authorName: string;
  /** The delegation the person's access belongs to (recorded in each record's `changed.by`). */
  authorPartyId?: string | null;
  editable: boolean;
}) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const author = useMemo(
    () => ({ name: authorName, party: authorPartyId ?? null }),
    [authorName, authorPartyId],
  );
  const stepId = search.get("step");
  return (
    <Suspense
      fallback={
        <p className="loading-line seq-loading" aria-busy="true">
          Loading the sequencing view…
        </p>
      }
    >
      <SequencingView
        key={stepId ?? ""}
        doc={doc}
        editor={editor}
        author={author}
        editable={editable}
        initialStepId={stepId}
        onShowText={() => {
          void navigate(`/f/${frameworkId}`);
          requestAnimationFrame(() => editor.commands.focus());
        }}
      />
    </Suspense>
  );
}

/**
 * A version, read-only, as the workspace shows the live framework: the text with its terms,
 * brackets and stances (and the clean and party views, the stance matrix and progress), and the
 * sequencing graph. Rendered from the version's throwaway documents: the editor gets the text as
 * content (no Yjs binding) and is never editable; the framework context is told to offer nothing
 * for writing.
 */
import { frameworkJson } from "@parley/shared/export/fromYDoc";
import { documentFragment } from "@parley/shared/model/maps";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { EditorContent, useEditor } from "@tiptap/react";
import { lazy, Suspense, useMemo, useState } from "react";
import { BracketPanel } from "../brackets/BracketPanel.js";
import { FrameworkProvider } from "../framework/FrameworkContext.js";
import { FrameworkMain } from "../framework/FrameworkMain.js";
import { frameworkEditorExtensions } from "../framework/frameworkExtensions.js";
import { stepRefWithView } from "../sequencing/StepRefView.js";
import type { ThrowawayDocs } from "./throwawayDocs.js";

const SequencingView = lazy(() =>
  import("../sequencing/SequencingView.js").then((m) => ({ default: m.SequencingView })),
);

type Shown = "text" | "sequencing";

export function VersionReader({
  docs,
  label,
  frameworkId,
}: {
  docs: ThrowawayDocs;
  label: string;
  frameworkId?: string;
}) {
  const [shown, setShown] = useState<Shown>("text");
  const content = useMemo(() => frameworkJson(docs.framework), [docs]);
  const extensions = useMemo(() => {
    const overrides = [
      ...frameworkEditorExtensions(documentFragment(docs.framework)),
      stepRefWithView(docs.framework, () => {}),
    ];
    const replaced = new Set(overrides.map((e) => e.name));
    return [...documentExtensions().filter((e) => !replaced.has(e.name)), ...overrides];
  }, [docs]);
  const editor = useEditor(
    {
      extensions,
      content,
      editable: false,
      editorProps: {
        attributes: { class: "framework-text version-text", "aria-label": label, tabindex: "0" },
      },
    },
    [extensions, content],
  );
  const author = useMemo(() => ({ name: "", party: null }), []);

  return (
    <FrameworkProvider
      framework={docs.framework}
      discussion={docs.discussion}
      editor={editor}
      actor={{ name: "", party: null }}
      readOnly
    >
      <nav className="view-tabs version-view-tabs" aria-label="Version views">
        {(["text", "sequencing"] as const).map((view) => (
          <button
            key={view}
            type="button"
            className="view-tab"
            aria-current={shown === view ? "page" : undefined}
            onClick={() => setShown(view)}
          >
            {view === "text" ? "Text" : "Sequencing"}
          </button>
        ))}
      </nav>
      {shown === "sequencing" && (
        <Suspense fallback={<p className="loading-line">Loading the sequencing view…</p>}>
          <SequencingView
            doc={docs.framework}
            editor={editor}
            author={author}
            editable={false}
            onShowText={() => setShown("text")}
          />
        </Suspense>
      )}
      <div className="workspace-body" hidden={shown !== "text"}>
        <div className="paper-column">
          <FrameworkMain frameworkId={frameworkId} canComment={false} onComment={() => {}}>
            <article className="paper">
              <EditorContent editor={editor} />
            </article>
          </FrameworkMain>
        </div>
        <aside className="sidebar sidebar-right">
          <BracketPanel />
        </aside>
      </div>
    </FrameworkProvider>
  );
}

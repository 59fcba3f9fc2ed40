import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { DocumentListPage } from "../features/documents/DocumentListPage.js";
import { IdentityProvider } from "../features/name-prompt/IdentityContext.js";
import { AppShell } from "./AppShell.js";
import { NotFoundPage } from "./NotFoundPage.js";

// The editor (Tiptap, ProseMirror, Yjs providers) loads only when a framework is opened.
const EditorPage = lazy(() => import("./EditorPage.js").then((m) => ({ default: m.EditorPage })));

/** Routes: `/` the document list, `/f/:id` one framework, anything else not found. */
export function App() {
  return (
    <IdentityProvider>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<DocumentListPage />} />
          <Route
            path="f/:id/*"
            element={
              <Suspense
                fallback={
                  <main className="page page-narrow" aria-busy="true">
                    <p className="loading-line">Opening the framework…</p>
                  </main>
                }
              >
                <EditorPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage kind="page" />} />
        </Route>
      </Routes>
    </IdentityProvider>
  );
}

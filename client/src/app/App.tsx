import { lazy, Suspense } from "react";
import { Route, Routes } from "react-router";
import { DocumentListPage } from "../features/documents/DocumentListPage.js";
import { IdentityProvider } from "../features/name-prompt/IdentityContext.js";
import { AppShell } from "./AppShell.js";
import { NotFoundPage } from "./NotFoundPage.js";

// The editor (Tiptap, ProseMirror, Yjs providers) loads only when a framework is opened.
const EditorPage = lazy(() => import("./EditorPage.js").then((m) => ({ default: m.EditorPage })));
const versionsPages = () => import("../features/versions/VersionsRoutes.js");
const VersionRoute = lazy(() => versionsPages().then((m) => ({ default: m.VersionRoute })));
const CompareRoute = lazy(() => versionsPages().then((m) => ({ default: m.CompareRoute })));

function Loading() {
  return (
    <main className="page page-narrow" aria-busy="true">
      <p className="loading-line">Opening the framework…</p>
    </main>
  );
}

/**
 * Routes: `/` the document list, `/f/:id` one framework, `/f/:id/versions/:v` one version of it
 * (read-only), `/f/:id/compare?from=&to=` a comparison, anything else not found.
 */
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
          <Route
            path="f/:id/versions/:v"
            element={
              <Suspense fallback={<Loading />}>
                <VersionRoute />
              </Suspense>
            }
          />
          <Route
            path="f/:id/compare"
            element={
              <Suspense fallback={<Loading />}>
                <CompareRoute />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFoundPage kind="page" />} />
        </Route>
      </Routes>
    </IdentityProvider>
  );
}

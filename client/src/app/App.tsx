import { Route, Routes } from "react-router";
import { DocumentListPage } from "../features/documents/DocumentListPage.js";
import { IdentityProvider } from "../features/name-prompt/IdentityContext.js";
import { AppShell } from "./AppShell.js";
import { LazyPage, PageCode } from "./lazyPage.js";
import { NotFoundPage } from "./NotFoundPage.js";

const placeholders = {
  loading: (
    <main className="page page-narrow" aria-busy="true">
      <p className="loading-line">Opening the framework…</p>
    </main>
  ),
  failed: (
    <main className="page page-narrow">
      <section className="notice" role="alert">
        <h1>Parley could not load this page</h1>
        <p>Its code did not arrive: check the connection, then reload the page.</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => window.location.reload()}
        >
          Reload
        </button>
      </section>
    </main>
  ),
};

// The editor (Tiptap, ProseMirror, Yjs providers) loads only when a framework is opened.
export const editorPage = new PageCode(() => import("./EditorPage.js").then((m) => m.EditorPage));
const versionsPages = () => import("../features/versions/VersionsRoutes.js");
const versionPage = new PageCode(() => versionsPages().then((m) => m.VersionRoute));
const comparePage = new PageCode(() => versionsPages().then((m) => m.CompareRoute));

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
          <Route path="f/:id/*" element={<LazyPage code={editorPage} {...placeholders} />} />
          <Route
            path="f/:id/versions/:v"
            element={<LazyPage code={versionPage} {...placeholders} />}
          />
          <Route path="f/:id/compare" element={<LazyPage code={comparePage} {...placeholders} />} />
          <Route path="*" element={<NotFoundPage kind="page" />} />
        </Route>
      </Routes>
    </IdentityProvider>
  );
}

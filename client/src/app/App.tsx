import { Route, Routes } from "react-router";
import { DocumentListPage } from "../features/documents/DocumentListPage.js";
import { IdentityProvider } from "../features/name-prompt/IdentityContext.js";
import { AppShell } from "./AppShell.js";
import { EditorPage } from "./EditorPage.js";
import { NotFoundPage } from "./NotFoundPage.js";

/** Routes: `/` the document list, `/f/:id` one framework, anything else not found. */
export function App() {
  return (
    <IdentityProvider>
      <Routes>
        <Route element={<AppShell />}>
          <Route index element={<DocumentListPage />} />
          <Route path="f/:id" element={<EditorPage />} />
          <Route path="*" element={<NotFoundPage kind="page" />} />
        </Route>
      </Routes>
    </IdentityProvider>
  );
}

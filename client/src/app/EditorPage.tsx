import { isFrameworkId } from "@parley/shared/protocol";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { adoptTokenFromLocation } from "../collab/tokens.js";
import { AccessDeniedPage, isAccessError } from "../features/access/AccessDeniedPage.js";
import { useIdentity } from "../features/name-prompt/IdentityContext.js";
import { FrameworkWorkspace } from "./FrameworkWorkspace.js";
import { NotFoundPage } from "./NotFoundPage.js";
import { useFrameworkMeta } from "./useFrameworkMeta.js";

/** `/f/:id`: checks the framework exists, then opens it (or its local copy when offline). */
export function EditorPage() {
  const { id = "" } = useParams();
  if (!isFrameworkId(id)) return <NotFoundPage kind="framework" />;
  return <EditorPageFor key={id} id={id} />;
}

function EditorPageFor({ id }: { id: string }) {
  // An invite link's `?token=` is kept for this framework and removed from the address bar
  // before anything asks the server.
  // It is then exchanged for this person's own token before the framework is read.
  useState(() => adoptTokenFromLocation(id));
  const { identity } = useIdentity();
  const meta = useFrameworkMeta(id, identity.name);
  const title =
    meta.kind === "found" ? meta.framework.title : meta.kind === "unreachable" ? meta.title : null;
  useEffect(() => {
    if (title) document.title = `${title} · Parley`;
  }, [title]);

  switch (meta.kind) {
    case "loading":
      return (
        <main className="page page-narrow" aria-busy="true">
          <p className="loading-line">Opening the framework…</p>
        </main>
      );
    case "not-found":
      return <NotFoundPage kind="framework" />;
    case "error":
      if (isAccessError(meta.code)) return <AccessDeniedPage code={meta.code ?? ""} />;
      return (
        <main className="page page-narrow">
          <section className="notice" role="alert">
            <h1>The framework could not be opened</h1>
            <p>{meta.message}</p>
            <Link to="/" className="button button-primary">
              Go to all frameworks
            </Link>
          </section>
        </main>
      );
    case "found":
    case "unreachable":
      return <FrameworkWorkspace frameworkId={id} title={title ?? "Untitled framework"} />;
  }
}

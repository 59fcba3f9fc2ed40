import { useEffect } from "react";
import { Link } from "react-router";

export type NotFoundKind = "page" | "framework" | "deleted";

const COPY: Record<NotFoundKind, { title: string; body: string }> = {
  page: {
    title: "Page not found",
    body: "There is nothing at this address. Check the link you were given, or go back to the list of frameworks.",
  },
  framework: {
    title: "Framework not found",
    body: "No framework has this link. It may have been deleted, or the link may be incomplete — ask the person who shared it for a new one.",
  },
  deleted: {
    title: "This framework was deleted",
    body: "Someone deleted this framework while you had it open. Its text is no longer available on the server.",
  },
};

export function NotFoundPage({ kind }: { kind: NotFoundKind }) {
  const copy = COPY[kind];
  useEffect(() => {
    document.title = `${copy.title} · Parley`;
  }, [copy.title]);
  return (
    <main className="page page-narrow">
      <section className="notice" aria-labelledby="not-found-title">
        <p className="notice-code" aria-hidden="true">
          {kind === "deleted" ? "410" : "404"}
        </p>
        <h1 id="not-found-title">{copy.title}</h1>
        <p>{copy.body}</p>
        <Link to="/" className="button button-primary">
          Go to all frameworks
        </Link>
      </section>
    </main>
  );
}

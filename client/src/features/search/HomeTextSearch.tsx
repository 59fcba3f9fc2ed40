/**
 * The home page's search in the frameworks' text: while the title filter narrows the list, the
 * server searches the text of every framework this browser holds a token for and answers a few
 * snippets per framework (`POST /api/frameworks/search`).
 */
import type { SearchResult } from "@parley/shared/api";
import "./search.css";
import { normalizeQuery } from "@parley/shared/search/textMatch";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { searchFrameworks } from "../../api/frameworks.js";

type State =
  | { kind: "idle" }
  | { kind: "searching"; query: string }
  | { kind: "done"; query: string; hits: SearchResult["frameworks"] }
  | { kind: "failed"; query: string; message: string };

const DEBOUNCE_MS = 300;

export function HomeTextSearch({ query }: { query: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const normalized = normalizeQuery(query);

  useEffect(() => {
    if (normalized === null) {
      setState({ kind: "idle" });
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      setState({ kind: "searching", query: normalized });
      searchFrameworks(normalized).then(
        (hits) => {
          if (!cancelled) setState({ kind: "done", query: normalized, hits });
        },
        (error: unknown) => {
          if (cancelled) return;
          const message = error instanceof Error ? error.message : "The search failed.";
          setState({ kind: "failed", query: normalized, message });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [normalized]);

  if (state.kind === "idle") return null;
  const textHits = state.kind === "done" ? state.hits.filter((h) => h.matchCount > 0) : [];
  return (
    <section className="text-search" aria-label="Found in the text">
      <h3 className="text-search-title">Found in the text</h3>
      {state.kind === "searching" && <p className="loading-line">Searching the text…</p>}
      {state.kind === "failed" && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      {state.kind === "done" && textHits.length === 0 && (
        <p className="sidebar-empty">No framework’s text contains “{state.query}”.</p>
      )}
      {textHits.length > 0 && (
        <ul className="text-search-list">
          {textHits.map((hit) => (
            <li key={hit.id} className="text-search-hit">
              <Link to={`/f/${hit.id}`} className="text-search-link">
                {hit.title}
              </Link>{" "}
              <span className="count">
                {hit.matchCount >= 100 ? "100+" : hit.matchCount}{" "}
                {hit.matchCount === 1 ? "match" : "matches"}
              </span>
              {hit.snippets.map((snippet, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: snippets have no identity of their own
                <p key={index} className="text-search-snippet">
                  {snippet.before}
                  <mark>{snippet.match}</mark>
                  {snippet.after}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

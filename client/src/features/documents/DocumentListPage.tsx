import type { FrameworkSummary } from "@parley/shared/api";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { readRecentFrameworks } from "../../collab/recentFrameworks.js";
import { HomeTextSearch } from "../search/HomeTextSearch.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { CreateFrameworkForm } from "./CreateFrameworkForm.js";
import { FrameworkRow } from "./FrameworkRow.js";
import { filterAndSortFrameworks } from "./frameworkList.js";
import { messageOf, useFrameworkList } from "./useFrameworkList.js";

/** The home page: every framework, newest change first, with search, create, rename, delete. */
export function DocumentListPage() {
  const { state, reload, create, rename, remove } = useFrameworkList();
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  const [toDelete, setToDelete] = useState<FrameworkSummary | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const now = useMemo(() => new Date(), []);

  useEffect(() => {
    document.title = "Frameworks · Parley";
  }, []);

  const shown = state.kind === "ready" ? filterAndSortFrameworks(state.frameworks, query) : [];

  async function confirmDelete() {
    if (!toDelete) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await remove(toDelete.id);
      setToDelete(null);
    } catch (e) {
      setDeleteError(messageOf(e));
    } finally {
      setDeleting(false);
    }
  }

  return (
    <main className="page">
      <div className="page-head">
        <h1>Frameworks</h1>
        <p className="page-lede">
          Draft negotiation frameworks together, live. Everyone with the link edits the same text.
        </p>
      </div>

      <CreateFrameworkForm
        onCreate={async (title, template) => {
          const created = await create(title, template);
          navigate(`/f/${created.id}`);
        }}
      />

      {state.kind === "loading" && <p className="loading-line">Loading frameworks…</p>}

      {state.kind === "unreachable" && <Unreachable message={state.message} onRetry={reload} />}

      {state.kind === "error" && (
        <div className="banner banner-error" role="alert">
          <p>{state.message}</p>
          <button type="button" className="button button-small" onClick={() => void reload()}>
            Try again
          </button>
        </div>
      )}

      {state.kind === "ready" && state.frameworks.length === 0 && (
        <section className="empty-state">
          <h2>No frameworks yet</h2>
          <p>
            Start one above with a working title. Parley creates it with a title and a first
            section; share its link and the others can write with you at once.
          </p>
        </section>
      )}

      {state.kind === "ready" && state.frameworks.length > 0 && (
        <section className="list-section" aria-labelledby="all-frameworks">
          <div className="list-head">
            <h2 id="all-frameworks">
              All frameworks <span className="count">{state.frameworks.length}</span>
            </h2>
            <input
              type="search"
              className="text-input search-input"
              placeholder="Search titles and text"
              aria-label="Search frameworks by title and text"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          </div>
          {shown.length === 0 ? (
            <p className="sidebar-empty">No framework title matches “{query.trim()}”.</p>
          ) : (
            <ul className="framework-list" aria-label="Frameworks">
              {shown.map((framework) => (
                <FrameworkRow
                  key={framework.id}
                  framework={framework}
                  now={now}
                  onRename={(title) => rename(framework.id, title)}
                  onDelete={() => {
                    setDeleteError(null);
                    setToDelete(framework);
                  }}
                />
              ))}
            </ul>
          )}
          <HomeTextSearch query={query} />
        </section>
      )}

      {toDelete && (
        <ConfirmDialog
          title="Delete this framework?"
          confirmLabel="Delete framework"
          busy={deleting}
          error={deleteError}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setToDelete(null)}
        >
          <p>
            <strong>{toDelete.title}</strong> and its whole text will be deleted for everyone.
            People who have it open are disconnected. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}

function Unreachable({ message, onRetry }: { message: string; onRetry: () => Promise<void> }) {
  const recent = readRecentFrameworks();
  return (
    <section className="banner banner-warn" role="alert">
      <p>{message}</p>
      {recent.length > 0 && (
        <>
          <p>Frameworks opened on this device are still available, with your edits saved here:</p>
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.id}>
                <Link to={`/f/${r.id}`}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button button-small" onClick={() => void onRetry()}>
        Try again
      </button>
    </section>
  );
}

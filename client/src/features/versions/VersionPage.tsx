/**
 * `/f/:id/versions/:v`: one version, read-only. Its stored room states are fetched and applied
 * into throwaway documents (never the live ones), which go when the page goes.
 */
import { formatDateTime } from "@parley/shared/format/dates";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { ApiRequestError } from "../../api/frameworks.js";
import { type ThrowawayDocs, throwawayDocsOf } from "./throwawayDocs.js";
import { VersionReader } from "./VersionReader.js";
import { comparisonRoute } from "./versionRoutes.js";
import { KIND_LABELS } from "./versionRows.js";
import { fetchVersionStates, NOW, readVersion } from "./versionsApi.js";
import type { VersionSummary } from "./versionWire.js";
import "./versions.css";
import { VersionCrumb } from "./VersionCrumb.js";

type Loaded =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; version: VersionSummary; docs: ThrowawayDocs };

export function VersionPage({
  frameworkId,
  versionId,
}: {
  frameworkId: string;
  versionId: string;
}) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  useEffect(() => {
    let current = true;
    let docs: ThrowawayDocs | null = null;
    setLoaded({ kind: "loading" });
    Promise.all([readVersion(frameworkId, versionId), fetchVersionStates(frameworkId, versionId)])
      .then(([version, states]) => {
        if (!current) return;
        docs = throwawayDocsOf(states);
        setLoaded({ kind: "ready", version, docs });
      })
      .catch((e: unknown) => {
        if (current) {
          setLoaded({
            kind: "failed",
            // A refusal says why; bytes Yjs cannot read get a plain message.
            message:
              e instanceof ApiRequestError ? e.message : "The stored version could not be read.",
          });
        }
      });
    return () => {
      current = false;
      docs?.destroy();
    };
  }, [frameworkId, versionId]);

  return (
    <main className="workspace version-page">
      <div className="doc-bar">
        <VersionCrumb frameworkId={frameworkId}>
          {loaded.kind === "ready" ? loaded.version.name : "Version"}
        </VersionCrumb>
        {loaded.kind === "ready" && (
          <div className="doc-bar-meta">
            <Link
              className="button button-quiet button-small"
              to={comparisonRoute(frameworkId, versionId, NOW)}
            >
              Compare with now
            </Link>
          </div>
        )}
      </div>
      {loaded.kind === "loading" && <p className="loading-line">Opening the version…</p>}
      {loaded.kind === "failed" && (
        <p className="banner banner-error" role="alert">
          {loaded.message}
        </p>
      )}
      {loaded.kind === "ready" && (
        <>
          <p className="banner banner-quiet version-banner" role="status">
            Read-only: the framework as it was in “{loaded.version.name}”,{" "}
            {KIND_LABELS[loaded.version.kind]} by {loaded.version.by.name} on{" "}
            {formatDateTime(loaded.version.at)}.
            {loaded.version.note && <span className="version-note"> {loaded.version.note}</span>}
          </p>
          <VersionReader
            docs={loaded.docs}
            label={`Text of ${loaded.version.name}`}
            frameworkId={frameworkId}
          />
        </>
      )}
    </main>
  );
}

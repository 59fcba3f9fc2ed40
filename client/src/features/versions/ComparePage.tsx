/**
 * `/f/:id/compare?from=&to=`: two versions (or a version and now) compared by provision, with
 * the choice of the two and the comparison's export as HTML, PDF or DOCX.
 */
import type { Comparison } from "@parley/shared/versions/comparison";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { saveFile } from "../export/exportDownload.js";
import { ComparisonView } from "./ComparisonView.js";
import { comparisonRoute } from "./versionRoutes.js";
import {
  type ComparisonFormat,
  downloadComparison,
  fetchComparison,
  listVersions,
  NOW,
} from "./versionsApi.js";
import type { VersionSummary } from "./versionWire.js";
import "./versions.css";
import { VersionCrumb } from "./VersionCrumb.js";

type Loaded =
  | { kind: "loading" }
  | { kind: "failed"; message: string }
  | { kind: "ready"; comparison: Comparison };

const FORMATS: readonly { value: ComparisonFormat; label: string }[] = [
  { value: "html", label: "HTML" },
  { value: "pdf", label: "PDF" },
  { value: "docx", label: "DOCX redline" },
];

function message(e: unknown, fallback: string): string {
  return e instanceof Error ? e.message : fallback;
}

export function ComparePage({ frameworkId }: { frameworkId: string }) {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? NOW;
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [loaded, setLoaded] = useState<Loaded>({ kind: "loading" });
  const [exporting, setExporting] = useState<ComparisonFormat | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    listVersions(frameworkId).then(
      (list) => current && setVersions(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [frameworkId]);

  useEffect(() => {
    let current = true;
    if (!from) {
      setLoaded({ kind: "failed", message: "Choose a version to compare." });
      return;
    }
    setLoaded({ kind: "loading" });
    fetchComparison(frameworkId, from, to).then(
      (comparison) => current && setLoaded({ kind: "ready", comparison }),
      (e: unknown) =>
        current &&
        setLoaded({ kind: "failed", message: message(e, "The comparison could not be made.") }),
    );
    return () => {
      current = false;
    };
  }, [frameworkId, from, to]);

  const nameOf = (ref: string) =>
    ref === NOW ? "now" : (versions.find((v) => v.id === ref)?.name ?? ref);
  const choose = (nextFrom: string, nextTo: string) =>
    void navigate(comparisonRoute(frameworkId, nextFrom, nextTo), { replace: true });

  const exportAs = async (format: ComparisonFormat) => {
    setExporting(format);
    setExportError(null);
    try {
      const file = await downloadComparison(frameworkId, from, to, format);
      saveFile(file.blob, file.fileName);
    } catch (e) {
      setExportError(message(e, "The comparison could not be exported."));
    } finally {
      setExporting(null);
    }
  };

  return (
    <main className="workspace compare-page">
      <div className="doc-bar">
        <VersionCrumb frameworkId={frameworkId}>
          Changes from {nameOf(from)} to {nameOf(to)}
        </VersionCrumb>
      </div>
      <div className="compare-bar">
        <label>
          <span>From</span>
          <select
            className="text-input"
            aria-label="Compare from"
            value={from}
            onChange={(e) => choose(e.target.value, to)}
          >
            {!versions.some((v) => v.id === from) && <option value={from}>{nameOf(from)}</option>}
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>To</span>
          <select
            className="text-input"
            aria-label="Compare to"
            value={to}
            onChange={(e) => choose(from, e.target.value)}
          >
            <option value={NOW}>Now (the live framework)</option>
            {versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="compare-exports">
          <legend className="visually-hidden">Export the comparison</legend>
          {FORMATS.map((f) => (
            <button
              key={f.value}
              type="button"
              className="button button-quiet button-small"
              disabled={!from || exporting !== null}
              onClick={() => void exportAs(f.value)}
            >
              {exporting === f.value ? "Exporting…" : `Export ${f.label}`}
            </button>
          ))}
        </fieldset>
      </div>
      {exportError && (
        <p className="banner banner-error" role="alert">
          {exportError}
        </p>
      )}
      <div className="compare-body">
        {loaded.kind === "loading" && <p className="loading-line">Comparing…</p>}
        {loaded.kind === "failed" && (
          <p className="banner banner-error" role="alert">
            {loaded.message}
          </p>
        )}
        {loaded.kind === "ready" && <ComparisonView comparison={loaded.comparison} />}
      </div>
    </main>
  );
}

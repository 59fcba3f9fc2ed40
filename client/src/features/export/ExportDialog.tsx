/**
 * The export dialog: format, text (with brackets or clean), suggestions (shown as tracked
 * changes, all accepted, or the original), comments, annexes and what they are called (Annex,
 * Appendix, Schedule or another word), and non-paper; the
 * download runs in the page (fetch with the Bearer token) with a progress line and Cancel, and
 * ends in a file saved under the name the server gives. Esc closes (cancelling a running export);
 * Tab stays inside the dialog.
 */
import type {
  ExportFormat,
  ExportOptions,
  SuggestionView,
  TextMode,
} from "@parley/shared/export/options";
import {
  type FormEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from "react";
import { tokenFor } from "../../collab/tokens.js";
import {
  downloadExport,
  ExportError,
  type ExportProgress,
  isAbort,
  saveFile,
} from "./exportDownload.js";
import type { ExportFailure } from "./exportErrors.js";
import { FORMAT_CHOICES, formatLabel, INITIAL_EXPORT_OPTIONS } from "./exportQuery.js";
import { progressText } from "./progressText.js";
import { RadioGroup } from "./RadioGroup.js";

type Status =
  | { kind: "idle" }
  | { kind: "running"; format: ExportFormat; progress: ExportProgress | null }
  | { kind: "done"; fileName: string }
  | { kind: "cancelled" }
  | { kind: "failed"; failure: ExportFailure };

const TEXT_CHOICES: readonly { value: TextMode; label: string }[] = [
  { value: "brackets", label: "With brackets and options" },
  { value: "clean", label: "Clean text — open brackets show the first option, marked †" },
];

const SUGGESTION_CHOICES: readonly { value: SuggestionView; label: string }[] = [
  {
    value: "show",
    label:
      "Shown — Word tracked changes; coloured, with a legend, in PDF and HTML; listed in Markdown",
  },
  { value: "accepted", label: "As if all were accepted" },
  { value: "original", label: "Original — as if all were rejected" },
];

/** The annex words offered; anything else is typed under "Another word". */
const ANNEX_PREFIXES = ["Annex", "Appendix", "Schedule"] as const;
const OTHER_PREFIX = "__other";

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab and Shift+Tab inside `container`. */
function trapTab(event: ReactKeyboardEvent, container: HTMLElement | null): void {
  if (event.key !== "Tab" || !container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el instanceof HTMLInputElement && el.type === "radio" && !el.checked),
  );
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

export function ExportDialog({
  frameworkId,
  onClose,
}: {
  frameworkId: string;
  onClose: () => void;
}) {
  const titleId = useId();
  const introId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const [options, setOptions] = useState<ExportOptions>(INITIAL_EXPORT_OPTIONS);
  const [otherPrefix, setOtherPrefix] = useState(false);
  const [customPrefix, setCustomPrefix] = useState("");
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const running = status.kind === "running";

  // Focus the chosen format on opening; a running export is cancelled when the dialog goes.
  useEffect(() => {
    dialogRef.current
      ?.querySelector<HTMLInputElement>('input[name="export-format"]:checked')
      ?.focus();
    return () => controllerRef.current?.abort();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      controllerRef.current?.abort();
      onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  const set = <K extends keyof ExportOptions>(key: K, value: ExportOptions[K]) => {
    setOptions((current) => ({ ...current, [key]: value }));
    if (!running) setStatus({ kind: "idle" });
  };

  async function start(event: FormEvent) {
    event.preventDefault();
    if (running) return;
    const controller = new AbortController();
    controllerRef.current = controller;
    const chosen = options;
    setStatus({ kind: "running", format: chosen.format, progress: null });
    try {
      const file = await downloadExport({
        frameworkId,
        options: chosen,
        token: tokenFor(frameworkId),
        signal: controller.signal,
        onProgress: (progress) => {
          if (!controller.signal.aborted) {
            setStatus({ kind: "running", format: chosen.format, progress });
          }
        },
      });
      if (controller.signal.aborted) return;
      saveFile(file.blob, file.fileName);
      setStatus({ kind: "done", fileName: file.fileName });
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) {
        setStatus({ kind: "cancelled" });
      } else if (error instanceof ExportError) {
        setStatus({ kind: "failed", failure: error.failure });
      } else {
        setStatus({
          kind: "failed",
          failure: {
            code: "client",
            message: "The export could not be saved in this browser. Please try again.",
            status: null,
            alternatives: [],
          },
        });
      }
    } finally {
      if (controllerRef.current === controller) controllerRef.current = null;
    }
  }

  function cancel() {
    if (running) {
      controllerRef.current?.abort();
      setStatus({ kind: "cancelled" });
    } else {
      onClose();
    }
  }

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal export-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        onKeyDown={(event) => trapTab(event, dialogRef.current)}
      >
        <h2 id={titleId}>Export the framework</h2>
        <p id={introId} className="modal-intro">
          A document of the text as the server holds it, with every change saved so far.
        </p>
        <form className="export-form" onSubmit={start}>
          <fieldset className="export-fieldset" disabled={running}>
            <legend className="field-label">Format</legend>
            <div className="export-formats">
              {FORMAT_CHOICES.map((choice) => (
                <label key={choice.format} className="export-format">
                  <input
                    type="radio"
                    name="export-format"
                    value={choice.format}
                    checked={options.format === choice.format}
                    onChange={() => set("format", choice.format)}
                    aria-describedby={`${introId}-${choice.format}`}
                  />
                  <span className="export-format-name">{choice.label}</span>
                  <span id={`${introId}-${choice.format}`} className="export-format-hint">
                    {choice.hint}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>

          <RadioGroup
            legend="Text"
            name="export-text"
            choices={TEXT_CHOICES}
            value={options.text}
            onChange={(value) => set("text", value)}
            disabled={running}
          />
          <RadioGroup
            legend="Suggestions"
            name="export-suggestions"
            choices={SUGGESTION_CHOICES}
            value={options.suggestions}
            onChange={(value) => set("suggestions", value)}
            disabled={running}
          />

          <fieldset className="export-fieldset" disabled={running}>
            <legend className="field-label">Contents</legend>
            <label className="export-option">
              <input
                type="checkbox"
                checked={options.comments}
                onChange={(e) => set("comments", e.target.checked)}
                aria-describedby={`${introId}-comments`}
              />
              <span>
                Include comments
                <span id={`${introId}-comments`} className="export-option-hint">
                  Open threads only: resolved threads are left out.
                </span>
              </span>
            </label>
            <label className="export-option">
              <input
                type="checkbox"
                checked={options.annexes}
                onChange={(e) => set("annexes", e.target.checked)}
              />
              <span>Include annexes (sequencing, verification, guarantees)</span>
            </label>
            <label className="export-option">
              <input
                type="checkbox"
                checked={options.nonPaper}
                onChange={(e) => set("nonPaper", e.target.checked)}
              />
              <span>Non-paper: no party attribution or names</span>
            </label>
          </fieldset>

          <fieldset className="export-fieldset" disabled={running || !options.annexes}>
            <legend className="field-label">Annexes are called</legend>
            {[...ANNEX_PREFIXES, OTHER_PREFIX].map((choice) => {
              const other = choice === OTHER_PREFIX;
              const checked = other
                ? otherPrefix
                : !otherPrefix && (options.annexPrefix ?? "Annex") === choice;
              return (
                <label key={choice} className="export-option">
                  <input
                    type="radio"
                    name="export-annex-prefix"
                    value={choice}
                    checked={checked}
                    onChange={() => {
                      setOtherPrefix(other);
                      set("annexPrefix", other ? customPrefix : choice);
                    }}
                  />
                  <span>{other ? "Another word" : `${choice} I, ${choice} II…`}</span>
                </label>
              );
            })}
            {otherPrefix && (
              <input
                className="text-input"
                aria-label="Annex word"
                placeholder="e.g. Attachment"
                value={customPrefix}
                maxLength={40}
                onChange={(e) => {
                  setCustomPrefix(e.target.value);
                  set("annexPrefix", e.target.value);
                }}
              />
            )}
          </fieldset>

          <ExportStatus status={status} onPick={(format) => set("format", format)} />

          <div className="modal-actions">
            <button type="button" className="button button-quiet" onClick={cancel}>
              {running ? "Cancel" : "Close"}
            </button>
            <button type="submit" className="button button-primary" disabled={running}>
              Export {formatLabel(options.format)}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function ExportStatus({
  status,
  onPick,
}: {
  status: Status;
  onPick: (format: ExportFormat) => void;
}) {
  if (status.kind === "failed") {
    const { failure } = status;
    return (
      <div className="export-status export-status-error" role="alert">
        <p>{failure.message}</p>
        {failure.alternatives.length > 0 && (
          <p className="export-alternatives">
            {failure.alternatives.map((format) => (
              <button
                key={format}
                type="button"
                className="button button-small"
                onClick={() => onPick(format)}
              >
                Use {formatLabel(format)}
              </button>
            ))}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="export-status" role="status" aria-live="polite">
      {status.kind === "running" && (
        <>
          <p>Preparing {formatLabel(status.format)}…</p>
          <progress
            className="export-progress"
            aria-label="Export progress"
            {...(status.progress?.total
              ? { max: status.progress.total, value: status.progress.received }
              : {})}
          />
          {status.progress && (
            <p className="export-status-detail">{progressText(status.progress)}</p>
          )}
        </>
      )}
      {status.kind === "done" && <p>Saved “{status.fileName}”.</p>}
      {status.kind === "cancelled" && <p>Export cancelled.</p>}
    </div>
  );
}

/**
 * Refused connection attempts, recorded without flooding. Anyone can knock on `/sync/<id>` of an
 * existing framework — without a token, with a made-up Origin — as fast as they like, and each
 * knock used to add an audit row. Here refusals are counted per framework and window
 * (`windowMs`): per source (the client address of an anonymous attempt, the invite of one with a
 * token) only the first `rowsPerSource` of a window are recorded as rows of their own, and at most
 * `rowsPerFramework` in all; every further refusal of the window is only counted, and when the
 * window ends (or the log closes) they become ONE row whose `count` says how many, naming the
 * source that knocked most. At most `rowsPerFramework + 1` rows per framework per window, however
 * many attempts and addresses.
 */
import type { AuditEvent, AuditSink } from "../core/auditSink.js";

export interface RefusalAuditOptions {
  audit: AuditSink;
  /** Milliseconds of one counting window. */
  windowMs: number;
  /** Refusals of one source recorded as their own rows per window. */
  rowsPerSource: number;
  /** Refusals recorded as their own rows per framework and window, over all sources. */
  rowsPerFramework: number;
}

/** Distinct sources tracked per framework and window; further sources share one counter. */
const MAX_SOURCES = 10_000;
const OTHER_SOURCES = "other addresses";

interface FrameworkWindow {
  timer: NodeJS.Timeout;
  rows: number;
  bySource: Map<string, { rows: number; suppressed: number }>;
  suppressed: number;
  lastDetail: string | null;
}

export class RefusalAudit {
  private readonly windows = new Map<string, FrameworkWindow>();

  constructor(private readonly options: RefusalAuditOptions) {}

  /**
   * Records `event` (a refusal) as its own row, or counts it into the window's summary row.
   * `rowsPerSource` overrides the default for this kind of refusal (e.g. 1: once per window).
   */
  refused(event: AuditEvent, source: string, rowsPerSource = this.options.rowsPerSource): void {
    const window = this.windowOf(event.frameworkId);
    let counts = window.bySource.get(source);
    if (!counts) {
      const shared = window.bySource.size >= MAX_SOURCES;
      const key = shared ? OTHER_SOURCES : source;
      counts = window.bySource.get(key) ?? { rows: 0, suppressed: 0 };
      window.bySource.set(key, counts);
    }
    if (counts.rows < rowsPerSource && window.rows < this.options.rowsPerFramework) {
      counts.rows += 1;
      window.rows += 1;
      this.options.audit.record(event);
      return;
    }
    counts.suppressed += 1;
    window.suppressed += 1;
    window.lastDetail = event.detail ?? null;
  }

  /** Writes every open window's summary row (before the audit log itself closes). */
  close(): void {
    for (const frameworkId of [...this.windows.keys()]) this.endWindow(frameworkId);
  }

  private windowOf(frameworkId: string): FrameworkWindow {
    const existing = this.windows.get(frameworkId);
    if (existing) return existing;
    const timer = setTimeout(() => this.endWindow(frameworkId), this.options.windowMs);
    timer.unref();
    const window: FrameworkWindow = {
      timer,
      rows: 0,
      bySource: new Map(),
      suppressed: 0,
      lastDetail: null,
    };
    this.windows.set(frameworkId, window);
    return window;
  }

  private endWindow(frameworkId: string): void {
    const window = this.windows.get(frameworkId);
    if (!window) return;
    clearTimeout(window.timer);
    this.windows.delete(frameworkId);
    if (window.suppressed === 0) return;
    let top = "";
    let topCount = 0;
    let sources = 0;
    for (const [source, counts] of window.bySource) {
      if (counts.suppressed === 0) continue;
      sources += 1;
      if (counts.suppressed > topCount) {
        top = source;
        topCount = counts.suppressed;
      }
    }
    const seconds = Math.round(this.options.windowMs / 1000);
    const from =
      sources === 1 ? `from ${top}` : `from ${sources} sources (${topCount} from ${top})`;
    this.options.audit.record({
      frameworkId,
      action: "refused",
      count: window.suppressed,
      detail: `${window.suppressed} more connection attempts refused within ${seconds} s ${from}; last: ${window.lastDetail ?? ""}`,
    });
  }
}

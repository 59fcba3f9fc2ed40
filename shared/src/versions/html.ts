/**
 * A comparison as HTML: the summary table, then a section per changed term (its word diff with
 * `<ins>` / `<del>`, status and stances from → to, who), the bracket changes with dropped options
 * flagged, and the sequencing records field by field. Every user string is escaped; no script,
 * no external resource. `comparisonToHtml` is a standalone file (for the HTML and PDF exports),
 * `comparisonHtmlBody` the fragment inside it (for a page that has its own frame).
 */
import { escapeHtml as esc } from "../export/escape.js";
import { SERIF } from "../export/htmlStyles.js";
import type { Actor } from "../model/actor.js";
import { STANCE_LABELS, STATUS_LABELS, type Stance, type TermStatus } from "../model/vocabulary.js";
import { OPTION_KIND_LABELS, TERM_KIND_LABELS } from "./changeLabels.js";
import { stableJson } from "./compareSequencing.js";
import type {
  BracketChange,
  Comparison,
  OptionChangeKind,
  RecordChange,
  TermChange,
} from "./comparison.js";
import type { SnapshotStance } from "./snapshot.js";
import { spaceBetween, type WordDiff, type WordOp } from "./wordDiff.js";

export interface ComparisonHtmlOptions {
  /** The document title, e.g. the framework's. */
  title?: string;
  /** Names of the two versions, e.g. "Rev. 1" and "Rev. 2". */
  fromName?: string;
  toName?: string;
}

/** On paper, where colour may be lost, a dropped option says so in capitals. */
const OPTION_LABELS: Record<OptionChangeKind, string> = {
  ...OPTION_KIND_LABELS,
  dropped: "DROPPED without resolution",
};

type PartyNames = ReadonlyMap<string, string>;

function partyName(parties: PartyNames, id: string | null): string {
  if (id === null) return "—";
  return parties.get(id) ?? id;
}

function actors(list: readonly Actor[] | undefined, parties: PartyNames, verb = "by"): string {
  if (!list || list.length === 0) return "";
  const names = list.map((a) =>
    a.party === null ? esc(a.name) : `${esc(a.name)} (${esc(partyName(parties, a.party))})`,
  );
  return ` <span class="by">${verb} ${names.join(", ")}</span>`;
}

/** The words of a diff, deletions in `<del>`, insertions in `<ins>`, spaced as text is. */
export function wordDiffHtml(diff: WordDiff): string {
  const TAGS: Record<WordOp, [string, string]> = {
    equal: ["", ""],
    delete: ["<del>", "</del>"],
    insert: ["<ins>", "</ins>"],
  };
  let html = "";
  let previous: string | null = null;
  for (const chunk of diff.chunks) {
    const [open, close] = TAGS[chunk.op];
    chunk.words.forEach((word, i) => {
      const gap = spaceBetween(previous, word) ? " " : "";
      html += i === 0 ? `${gap}${open}` : gap;
      html += esc(word);
      previous = word;
    });
    html += close;
  }
  return html;
}

function statusLabel(status: string): string {
  return STATUS_LABELS[status as TermStatus] ?? status;
}

function stanceLabel(stance: SnapshotStance | null): string {
  if (stance === null) return "not stated";
  const label = STANCE_LABELS[stance.stance as Stance] ?? stance.stance;
  return stance.condition ? `${label}: ${stance.condition}` : label;
}

function summaryTable(c: Comparison): string {
  const n = c.counts;
  const rows: Array<[string, number]> = [
    ["Terms changed", n.termsChanged],
    ["Terms added", n.termsAdded],
    ["Terms removed", n.termsRemoved],
    ["Terms moved", n.termsMoved],
    ["Terms renumbered", n.termsRenumbered],
    ["Bracket options added", n.optionsAdded],
    ["Bracket options dropped without resolution", n.optionsDropped],
    ["Brackets resolved", n.bracketsResolved],
    ["Sequencing records added", n.recordsAdded],
    ["Sequencing records changed", n.recordsChanged],
    ["Sequencing records removed", n.recordsRemoved],
  ];
  const body = rows
    .map(
      ([label, count]) =>
        `<tr${label.includes("dropped") && count > 0 ? ' class="flag"' : ""}><th scope="row">${label}</th><td>${count}</td></tr>`,
    )
    .join("");
  return `<table class="summary"><tbody>${body}</tbody></table>`;
}

function termHeading(t: TermChange): string {
  const { from, to } = t.label;
  const label = to ?? from ?? t.termId;
  const was = from !== null && to !== null && from !== to ? ` (was ${esc(from)})` : "";
  const kinds = t.kinds.map((k) => TERM_KIND_LABELS[k]).join(", ");
  return `<h3>${esc(label)}${was} <span class="kinds">— ${esc(kinds)}</span></h3>`;
}

function termSection(t: TermChange, parties: PartyNames): string {
  const parts = [termHeading(t)];
  if (t.textDiff) parts.push(`<p class="diff">${wordDiffHtml(t.textDiff)}</p>`);
  else if (t.kinds.includes("added")) parts.push(`<p class="diff"><ins>${esc(t.text)}</ins></p>`);
  else if (t.kinds.includes("removed")) parts.push(`<p class="diff"><del>${esc(t.text)}</del></p>`);
  else parts.push(`<p class="text">${esc(t.text)}</p>`);
  if (t.by) parts.push(`<p class="meta">Text${actors(t.by, parties)}</p>`);
  if (t.category) {
    parts.push(`<p class="meta">Category: ${esc(t.category.from)} → ${esc(t.category.to)}</p>`);
  }
  if (t.status) {
    parts.push(
      `<p class="meta">Status: ${esc(statusLabel(t.status.from))} → ${esc(statusLabel(t.status.to))}${actors(t.status.by, parties)}</p>`,
    );
  }
  if (t.stances.length > 0) {
    const rows = t.stances
      .map(
        (s) =>
          `<tr><th scope="row">${esc(partyName(parties, s.partyId))}</th><td>${esc(stanceLabel(s.from))}</td><td>${esc(stanceLabel(s.to))}${actors(s.by, parties)}</td></tr>`,
      )
      .join("");
    parts.push(
      `<table class="stances"><thead><tr><th>Party</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  }
  return `<section class="term" data-term-id="${esc(t.termId)}">${parts.join("")}</section>`;
}

function bracketSection(b: BracketChange, parties: PartyNames): string {
  const where = b.termLabel ? ` in ${esc(b.termLabel)}` : "";
  const kinds = b.kinds.join(", ");
  const options = b.options
    .map((o) => {
      const text = o.textDiff ? wordDiffHtml(o.textDiff) : esc(o.text);
      const flagged = o.kinds.includes("dropped");
      const positions =
        o.supportedBy && o.opposedBy
          ? ` <span class="meta">(supported by ${esc(o.supportedBy.to.map((p) => partyName(parties, p)).join(", ") || "none")}; opposed by ${esc(o.opposedBy.to.map((p) => partyName(parties, p)).join(", ") || "none")})</span>`
          : "";
      return `<li${flagged ? ' class="flag"' : ""}>[${text}] <span class="proposer">${esc(partyName(parties, o.proposedBy))}</span> — ${esc(o.kinds.map((k) => OPTION_LABELS[k]).join(", "))}${positions}${actors(o.by, parties)}</li>`;
    })
    .join("");
  const resolution = b.resolution
    ? `<p class="meta">Resolved: “${esc(b.resolution.text)}”${actors([b.resolution.by], parties)}</p>`
    : "";
  return `<section class="bracket" data-bracket-id="${esc(b.bracketId)}"><h3>Bracket${where} <span class="kinds">— ${esc(kinds)}</span>${actors(b.by, parties)}</h3>${resolution}<ul>${options}</ul></section>`;
}

function fieldValue(value: unknown): string {
  if (typeof value === "string") return esc(value);
  return `<code>${esc(stableJson(value) ?? "—")}</code>`;
}

function recordSection(r: RecordChange, parties: PartyNames): string {
  const head = `<h3>${esc(r.recordKind)} “${esc(r.name)}” <span class="kinds">— ${esc(r.kind)}</span>${actors(r.by, parties)}</h3>`;
  if (r.fields.length === 0) return `<section class="record">${head}</section>`;
  const rows = r.fields
    .map(
      (f) =>
        `<tr><th scope="row">${esc(f.field)}</th><td><del>${fieldValue(f.from)}</del></td><td><ins>${fieldValue(f.to)}</ins></td></tr>`,
    )
    .join("");
  return `<section class="record">${head}<table class="fields"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The comparison as an HTML fragment (no `<html>` frame). */
export function comparisonHtmlBody(c: Comparison, options: ComparisonHtmlOptions = {}): string {
  const parties: PartyNames = new Map(c.parties.map((p) => [p.id, p.shortName]));
  const between =
    options.fromName || options.toName
      ? `<p class="versions">${esc(options.fromName ?? "earlier version")} → ${esc(options.toName ?? "now")}</p>`
      : "";
  const parts = [
    `<p class="summary-line">${esc(c.summary)}</p>`,
    between,
    summaryTable(c),
    c.exact ? "" : `<p class="meta">Some long passages were compared coarsely.</p>`,
  ];
  if (c.droppedOptions.length > 0) {
    const items = c.droppedOptions
      .map(
        (d) =>
          `<li>[${esc(d.text)}] <span class="proposer">${esc(partyName(parties, d.proposedBy))}</span>${d.termLabel ? ` in ${esc(d.termLabel)}` : ""}${actors(d.by, parties, "removed by")}</li>`,
      )
      .join("");
    parts.push(
      `<section class="dropped flag"><h2>Options dropped without resolution</h2><ul>${items}</ul></section>`,
    );
  }
  if (c.terms.length > 0) {
    parts.push(`<h2>Terms</h2>${c.terms.map((t) => termSection(t, parties)).join("")}`);
  }
  if (c.brackets.length > 0) {
    parts.push(`<h2>Brackets</h2>${c.brackets.map((b) => bracketSection(b, parties)).join("")}`);
  }
  if (c.sequencing.length > 0) {
    parts.push(`<h2>Sequencing</h2>${c.sequencing.map((r) => recordSection(r, parties)).join("")}`);
  }
  return `<div class="comparison">${parts.join("")}</div>`;
}

const STYLES = `
body { font-family: ${SERIF}; font-size: 12pt; line-height: 1.45; color: #111; max-width: 180mm; margin: 2rem auto; padding: 0 1rem; }
ins { color: #0b5d1e; background: #e3f5e6; text-decoration: underline; }
del { color: #8a1111; background: #fbe5e5; text-decoration: line-through; }
table { border-collapse: collapse; margin: .5em 0 1em; }
th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: left; vertical-align: top; }
.flag, tr.flag th, tr.flag td { color: #8a1111; font-weight: bold; }
.kinds, .meta, .by { color: #555; font-size: 10.5pt; font-weight: normal; }
.summary-line { font-weight: bold; }
section.term, section.bracket, section.record { break-inside: avoid; margin-bottom: 1em; }
`;

/** The comparison as a standalone HTML file: inline CSS, no script, every user string escaped. */
export function comparisonToHtml(c: Comparison, options: ComparisonHtmlOptions = {}): string {
  const title = options.title ? `Changes: ${options.title}` : "Changes";
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLES}</style></head><body><h1>${esc(title)}</h1>${comparisonHtmlBody(c, options)}</body></html>`;
}

/**
 * `pnpm bench:suggestions`: suggestion mode's costs on a 300-paragraph framework, in one process,
 * headless (Tiptap on jsdom, bound to a Y.Doc as in the page):
 *
 * 1. accept-all and reject-all of 2,000 suggestions (insertions, deletions, replacements by three
 *    parties) through `decideInBatches`: the total and the longest batch (what would freeze a
 *    page), and the server rule's cost on the whole resulting change;
 * 2. a keystroke in Suggesting mode against the same in Editing mode (p50/p99 of one dispatch),
 *    and the server rule (`checkSuggestionOnlyChange`) on each suggested keystroke.
 *
 * Writes the Markdown section to docs/bench/suggestions.md (which `pnpm bench` copies into
 * BENCHMARKS.md) and prints it. Not a test: nothing here runs in `pnpm test`.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { decideInBatches } from "@parley/shared/suggestions/decisions";
import { listSuggestions } from "@parley/shared/suggestions/list";
import { checkSuggestionOnlyChange } from "@parley/shared/suggestions/suggestionRule";
import { by, del, doc, ins, p, text } from "@parley/shared/suggestions/testDocs";
import { installDom } from "@parley/shared/test/dom";
import { Editor } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import type { Node as PMNode } from "@tiptap/pm/model";
import * as Y from "yjs";
import { Suggesting, setEditorMode } from "../../client/src/editor/suggesting/suggesting.js";
import { machineInfo } from "./machine.js";
import { summarize } from "./stats.js";

const OUT = fileURLToPath(new URL("../../docs/bench/suggestions.md", import.meta.url));
const PARAGRAPHS = 300;
const SUGGESTIONS = 2_000;
const BATCH = 200;
const KEYSTROKES = 400;
const WARMUP = 50;
const PARTIES = [
  { name: "Amira", party: "party-a", member: "m-amira" },
  { name: "Kofi", party: "party-b", member: "m-kofi" },
  { name: "Lena", party: "party-c", member: "m-lena" },
] as const;
const TYPIST = { name: "Dana", party: "party-a", member: "m-dana" } as const;

installDom();

/** 300 paragraphs of plain wording with `suggestions` spread over them, kinds and parties mixed. */
function framework(suggestions: number): PMNode {
  const blocks: PMNode[] = [];
  let n = 0;
  for (let i = 0; i < PARAGRAPHS; i++) {
    const here =
      Math.floor(((i + 1) * suggestions) / PARAGRAPHS) - Math.floor((i * suggestions) / PARAGRAPHS);
    const items: PMNode[] = [
      text(`Provision ${i + 1}: the parties agree that the sequence holds `),
    ];
    for (let k = 0; k < here; k++, n++) {
      const attrs = by(PARTIES[(n + Math.floor(n / 3)) % 3]!, `sugg-${n}`);
      if (n % 3 === 0) items.push(ins(`added wording ${n}`, attrs));
      else if (n % 3 === 1) items.push(del(`removed wording ${n}`, attrs));
      else items.push(del(`old term ${n}`, attrs), ins(`new term ${n}`, attrs));
      items.push(text(" and then verification follows "));
    }
    blocks.push(p(...items));
  }
  return doc(...blocks);
}

function openEditor(content: PMNode): Editor {
  const editor = new Editor({
    element: document.createElement("div"),
    extensions: [
      ...documentExtensions(),
      Collaboration.configure({ document: new Y.Doc(), field: "default" }),
      Suggesting,
    ],
  });
  editor.view.dispatch(setEditorMode(editor.state.tr, { mode: "editing", author: TYPIST }));
  editor.commands.setContent(content.toJSON());
  return editor;
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

function decideAll(decision: "accept" | "reject") {
  const content = framework(SUGGESTIONS);
  const editor = openEditor(content);
  const before = editor.state.doc;
  const found = listSuggestions(before).length;
  const batches: number[] = [];
  const start = performance.now();
  const batchesOf = decideInBatches(editor, { all: true }, decision, BATCH);
  for (;;) {
    const t0 = performance.now();
    const next = batchesOf.next();
    if (next.done) break;
    editor.view.dispatch(next.value);
    batches.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  const after = editor.state.doc;
  const r0 = performance.now();
  const rule = checkSuggestionOnlyChange(before, after, TYPIST);
  const ruleMs = performance.now() - r0;
  const left = listSuggestions(after).length;
  editor.destroy();
  return {
    decision,
    found,
    left,
    batches: batches.length,
    total,
    longest: Math.max(...batches),
    ruleMs,
    ruleOk: rule.ok,
  };
}

function typing(mode: "editing" | "suggesting", suggestions: number) {
  const editor = openEditor(framework(suggestions));
  editor.view.dispatch(setEditorMode(editor.state.tr, { mode, author: TYPIST }));
  // The caret at the end of the middle paragraph's first run of plain text.
  let caret = 0;
  let index = 0;
  editor.state.doc.forEach((_block, offset) => {
    if (index++ === PARAGRAPHS / 2) caret = offset + 1 + "Provision 151: the parties".length;
  });
  const keys: number[] = [];
  const gate: number[] = [];
  let refused = 0;
  for (let i = 0; i < KEYSTROKES + WARMUP; i++) {
    const before = editor.state.doc;
    const t0 = performance.now();
    editor.view.dispatch(editor.state.tr.insertText("abcdefghij"[i % 10]!, caret, caret));
    const t1 = performance.now();
    caret++;
    if (i < WARMUP) continue;
    keys.push(t1 - t0);
    if (mode === "suggesting") {
      const g0 = performance.now();
      const result = checkSuggestionOnlyChange(before, editor.state.doc, TYPIST);
      gate.push(performance.now() - g0);
      if (!result.ok) refused++;
    }
  }
  editor.destroy();
  return { mode, suggestions, keys: summarize(keys), gate: summarize(gate), refused };
}

const load = loadavg()[0]!;
const m = machineInfo();
const decisions = [decideAll("accept"), decideAll("reject")];
const typed = [0, SUGGESTIONS].flatMap((s) => [typing("editing", s), typing("suggesting", s)]);
const loadAfter = loadavg()[0]!;

const lines = [
  "## Suggestion mode",
  "",
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`pnpm bench:suggestions\` (\`tests/bench/suggestions.ts\`): headless Tiptap on jsdom bound to a Y.Doc, ${PARAGRAPHS} paragraphs. ` +
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}; load average ${load.toFixed(1)} → ${loadAfter.toFixed(1)} ` +
    `on ${cpus().length} cores${load > cpus().length ? " (the machine was loaded by other work: absolute figures are pessimistic)" : ""}.`,
  "",
  `Deciding ${SUGGESTIONS.toLocaleString("en")} suggestions (insertions, deletions, replacements by 3 parties), \`decideInBatches\` of ${BATCH}; ` +
    "a batch is building its transaction and dispatching it (the Yjs binding included); the rule is `checkSuggestionOnlyChange` on the whole change (the server runs it only for suggesters, who may not decide: it refuses, and this is what refusing costs).",
  "",
  "| decision | suggestions before → after | batches | total ms | longest batch ms | server rule on the result ms |",
  "|---|---|---:|---:|---:|---:|",
  ...decisions.map(
    (d) =>
      `| ${d.decision}-all | ${d.found} → ${d.left} | ${d.batches} | ${ms(d.total)} | ${ms(d.longest)} | ${ms(d.ruleMs)} (${d.ruleOk ? "allowed" : "refused"}) |`,
  ),
  "",
  `Typing: ${KEYSTROKES} keystrokes (after ${WARMUP} warm-up) into the middle paragraph, one \`view.dispatch\` of a text input each; ` +
    "the gate is `checkSuggestionOnlyChange(before, after)` per suggested keystroke, as the server's write gate runs it on its shadow.",
  "",
  "| document | mode | keystroke p50 ms | p99 ms | max ms | server rule p50 ms | p99 ms |",
  "|---|---|---:|---:|---:|---:|---:|",
  ...typed.map(
    (t) =>
      `| ${t.suggestions === 0 ? "plain" : `${t.suggestions.toLocaleString("en")} suggestions`} | ${t.mode} | ${ms(t.keys.p50)} | ${ms(t.keys.p99)} | ${ms(t.keys.max)} | ` +
      (t.mode === "suggesting"
        ? `${ms(t.gate.p50)} | ${ms(t.gate.p99)}${t.refused ? ` (${t.refused} refused)` : ""} |`
        : "– | – |"),
  ),
];
const section = lines.join("\n");
writeFileSync(OUT, `${section}\n`);
console.log(section);

/**
 * The stylesheet of the HTML export, on screen and in print (the PDF is this file printed by
 * Chromium). A4, serif text, hanging article numbers, annexes on new pages.
 */
export const SERIF =
  '"Times New Roman", "Liberation Serif", "Tinos", "DejaVu Serif", "Noto Serif", "Noto Naskh Arabic", "DejaVu Sans", serif';

export const HTML_STYLES = `
@page { size: A4; margin: 24mm 22mm 22mm 24mm; }
:root { color-scheme: light; }
html { background: #f3f1ec; }
body {
  font-family: ${SERIF};
  font-size: 12pt; line-height: 1.45; color: #111;
  max-width: 170mm; margin: 2rem auto; padding: 20mm 22mm; background: #fff;
  box-shadow: 0 1px 4px rgba(0,0,0,.15);
}
@media print {
  html { background: none; }
  body { margin: 0; padding: 0; max-width: none; box-shadow: none; }
}
header.title-block { text-align: center; margin-bottom: 2.2em; }
header.title-block p { text-align: center; }
header.title-block p.designation { text-align: right; }
.designation {
  text-align: right; font-variant: small-caps; letter-spacing: .08em; font-size: 10.5pt;
  color: #333; margin: 0 0 2.5em;
}
h1.title { font-size: 16pt; font-weight: bold; text-transform: uppercase; letter-spacing: .03em;
  margin: 0 0 .6em; line-height: 1.3; }
.version { font-size: 10pt; color: #444; margin: 0; }
.notes { font-size: 10pt; font-style: italic; color: #333; margin: 1.2em auto 0; max-width: 85%; }
header.title-block .notes p { margin: .2em 0; text-align: center; }
hr.rule { border: 0; border-top: 1px solid #111; width: 30%; margin: 1.6em auto 0; }
h1, h2, h3, h4 { page-break-after: avoid; break-after: avoid; }
main h1 { font-size: 14pt; text-align: center; }
main h2 { font-size: 12pt; font-weight: bold; text-transform: uppercase; letter-spacing: .04em;
  text-align: center; margin: 2em 0 1em; }
main h3 { font-size: 12pt; font-style: italic; font-weight: normal; margin: 1.4em 0 .6em; }
p { margin: 0 0 .7em; text-align: justify; hyphens: auto; }
section.term { display: grid; grid-template-columns: 5.2em 1fr; column-gap: .6em; margin: 0 0 .9em;
  break-inside: avoid-page; }
.term-number { font-weight: bold; white-space: nowrap; }
.term-body > :last-child { margin-bottom: 0; }
.term-status { display: block; font-size: 8.5pt; font-style: italic; color: #555; font-weight: normal;
  white-space: normal; margin-top: .15em; }
ul, ol { margin: 0 0 .7em; padding-left: 1.6em; }
li > p { margin-bottom: .3em; }
blockquote { margin: 0 0 .7em 1.5em; padding-left: .8em; border-left: 2px solid #999; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 10.5pt; }
th, td { border: 1px solid #444; padding: .3em .45em; vertical-align: top; text-align: left; }
th { background: #eceae4; font-weight: bold; }
td p, th p { text-align: left; margin: 0; }
.bracket-option { white-space: normal; }
.proposer { font-size: 7pt; font-variant: small-caps; color: #444; margin-left: .1em; }
.open-flag { font-size: 7.5pt; line-height: 0; }
.commented { background: #fff4c2; }
.comment-ref { font-size: 7.5pt; vertical-align: super; }
.comment-ref a { color: #7a5a00; text-decoration: none; }
a { color: #1a3f7a; }
.sugg { --sugg: #5f6368; color: var(--sugg); text-decoration-color: var(--sugg);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ins.sugg { text-decoration-line: underline; text-decoration-thickness: .08em; text-underline-offset: .12em; }
del.sugg { text-decoration-line: line-through; text-decoration-thickness: .08em; }
.suggestion-legend { font-size: 9.5pt; border: 1px solid #ccc; padding: .5em .8em; margin: 0 0 1.6em;
  break-inside: avoid; }
.suggestion-legend p { margin: 0 0 .3em; text-align: left; }
.legend-authors { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .2em 1.4em; }
.legend-authors li { color: var(--sugg); }
.legend-author { font-weight: bold; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .35em; vertical-align: -.05em;
  background: var(--sugg); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
section.annex { break-before: page; page-break-before: always; }
.annex-label { text-align: center; font-weight: bold; text-transform: uppercase; letter-spacing: .08em;
  margin: 0 0 .2em; font-size: 12pt; }
.annex-title { text-align: center; font-size: 12pt; font-weight: normal; font-style: italic;
  text-transform: none; margin: 0 0 1.2em; }
.annex table { font-size: 9.5pt; }
.annex thead { display: table-header-group; }
.annex tr { break-inside: avoid; }
.empty-note { font-style: italic; text-align: center; color: #444; }
section.comments { break-before: page; page-break-before: always; font-size: 10.5pt; }
section.comments h2 { text-align: center; font-size: 12pt; text-transform: uppercase; letter-spacing: .08em;
  margin: 0 0 1.2em; }
section.comments ol { list-style: none; padding-left: 0; }
section.comments li { margin-bottom: .8em; display: grid; grid-template-columns: 2.4em 1fr; }
.comment-id { font-size: 9pt; color: #7a5a00; }
section.comments li p { margin: 0 0 .25em; text-align: left; }
.comment-meta { font-weight: bold; }
.comment-reply { padding-left: 1.2em; }
.comment-wording { padding-left: 1.2em; font-style: italic; }
`;

/**
 * Terms out of view are skipped by the browser (`content-visibility: auto`): it neither lays them
 * out nor paints them. What that must not break, in Chromium: a term is shown again when it comes
 * into view, a stance editor opened in a term is not clipped by the term's containment, and a
 * comment card beside a skipped term moves to its words once the term is shown.
 */
import type { Locator } from "@playwright/test";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

/** Whether the browser renders the term's text (false while the term is skipped). */
function rendered(term: Locator): Promise<boolean> {
  return term
    .locator(".term-body p")
    .first()
    .evaluate((element) => element.checkVisibility({ contentVisibilityAuto: true }));
}

/** Vertical distance between two elements' tops, in pixels. */
async function topGap(a: Locator, b: Locator): Promise<number> {
  const [boxA, boxB] = [await a.boundingBox(), await b.boundingBox()];
  return boxA && boxB ? Math.abs(boxA.y - boxB.y) : Number.POSITIVE_INFINITY;
}

async function comment(person: Participant, words: string, body: string): Promise<void> {
  await person.selectText(words);
  await person.page.keyboard.press("Control+Alt+m");
  const composer = person.page
    .getByRole("complementary", { name: "Comments" })
    .getByRole("form", { name: "New comment" });
  await composer.getByRole("textbox", { name: "Comment" }).fill(body);
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();
}

test("a term out of view is skipped and shown again; its stance editor is not clipped; a card moves to its words when the term is shown", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Terms out of view");
  const amira = await join("Amira Haddad");
  // a short window: the last term of the template is well out of view
  await amira.page.setViewportSize({ width: 1440, height: 560 });
  await amira.open(id);
  const terms = amira.editor.locator("section.term");
  const first = terms.first();
  const last = terms.last();
  await expect.poll(() => rendered(first)).toBe(true);
  await expect.poll(() => rendered(last)).toBe(false);

  // A thread on words of the last term's second line: its card sits beside them.
  const words = "entry into force of this framework";
  await comment(amira, words, "Which instrument?");
  await expect.poll(() => rendered(last)).toBe(true);
  const card = amira.page.getByRole("article", { name: `Comment thread on “${words}”` });
  const highlight = amira.editor.locator(".comment-highlight").first();
  await expect.poll(() => topGap(card, highlight)).toBeLessThan(6);
  // (the words are far enough below the term's top for the next steps to tell the two apart)
  expect(await topGap(last, highlight)).toBeGreaterThan(40);

  // Back to the top: the last term is skipped, its card waits beside the term's top …
  await first.scrollIntoViewIfNeeded();
  await amira.page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(() => rendered(last)).toBe(false);
  await expect.poll(() => topGap(card, last)).toBeLessThan(6);
  // … and moves to its words when the term is shown again.
  await last.scrollIntoViewIfNeeded();
  await expect.poll(() => rendered(last)).toBe(true);
  await expect.poll(() => topGap(card, highlight)).toBeLessThan(6);

  // A stance editor opened at the bottom of the term reaches below it, and is not clipped there.
  expect(await last.evaluate((element) => getComputedStyle(element).contentVisibility)).toBe(
    "auto",
  );
  await last.getByRole("button", { name: /^Stance of FP on / }).click();
  const dialog = amira.page.getByRole("dialog", { name: /^FP's stance on / });
  await expect(dialog).toBeVisible();
  await dialog.scrollIntoViewIfNeeded();
  expect(await last.evaluate((element) => getComputedStyle(element).contentVisibility)).toBe(
    "visible",
  );
  const [termBox, dialogBox] = [await last.boundingBox(), await dialog.boundingBox()];
  if (!termBox || !dialogBox) throw new Error("the term or the stance editor has no box");
  const below = dialogBox.y + dialogBox.height - 8;
  expect(below).toBeGreaterThan(termBox.y + termBox.height);
  const hit = await amira.page.evaluate(
    ([x, y]) =>
      document.elementFromPoint(x, y)?.closest("[role=dialog]")?.getAttribute("aria-label"),
    [dialogBox.x + dialogBox.width / 2, below] as const,
  );
  expect(hit).toMatch(/^FP's stance on /);
});

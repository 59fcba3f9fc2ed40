/**
 * Rounds, with two people in two browser contexts: Amira saves a version; Kofi changes a term's
 * text and drops a bracket option; the comparison with now shows the changed term (its word diff)
 * and flags the dropped option with who removed it; Amira colours the text by author and sees
 * Kofi's words as his; Amira restores the version and both see the restored text. The
 * comparison is photographed for the README (docs/screenshots/version-comparison.png).
 */
import { fileURLToPath } from "node:url";
import type { Locator } from "@playwright/test";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const COMPARISON_SCREENSHOT = fileURLToPath(
  new URL("../../docs/screenshots/version-comparison.png", import.meta.url),
);

/** The term block whose number is `label` ("Art. 2.1"). */
function term(person: Participant, label: string): Locator {
  return person.editor.locator("section.term").filter({
    has: person.page.locator(".term-number", { hasText: label }),
  });
}

/** Deletes the bracket option reading `text` through the editor, as a keyboard edit would. */
async function dropOption(person: Participant, text: string): Promise<void> {
  await person.editor.evaluate((element, wanted) => {
    interface PmNode {
      type: { name: string };
      textContent: string;
      nodeSize: number;
      descendants(fn: (node: PmNode, pos: number) => boolean | undefined): void;
    }
    interface Holder {
      editor?: {
        state: { doc: PmNode; tr: { delete(from: number, to: number): unknown } };
        view: { dispatch(tr: unknown): void };
      };
    }
    const editor = (element as HTMLElement & Holder).editor;
    if (!editor) throw new Error("no editor");
    let range: { from: number; to: number } | null = null;
    editor.state.doc.descendants((node, pos) => {
      if (range) return false;
      if (node.type.name === "bracketOption" && node.textContent === wanted) {
        range = { from: pos, to: pos + node.nodeSize };
        return false;
      }
      return true;
    });
    if (!range) throw new Error(`no option "${wanted}"`);
    const { from, to }: { from: number; to: number } = range;
    editor.view.dispatch(editor.state.tr.delete(from, to));
  }, text);
}

async function openVersions(person: Participant): Promise<Locator> {
  await person.page.getByRole("button", { name: "Versions", exact: true }).click();
  const dialog = person.page.getByRole("dialog", { name: "Versions" });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("save a version, change and drop an option elsewhere, compare, restore for both", async ({
  request,
  serverUrl,
  join,
}) => {
  // Two people, three pages each and a restore: longer than one edit on a shared machine.
  test.slow();
  const id = await createTemplateFramework(request, serverUrl, "Rounds");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  // A third wording in Art. 2.1's bracket, so that one can be dropped and two remain.
  await amira.selectText("should", "end");
  const bracket = amira.page.getByRole("article", { name: "Bracket in Art. 2.1", exact: true });
  await bracket.getByLabel("Wording of the new option").fill("may");
  await bracket.getByRole("button", { name: "Add option" }).click();
  await expect(term(kofi, "Art. 2.1").locator(".bracket-option")).toHaveText([
    "shall",
    "should",
    "may",
  ]);

  // Amira saves "Rev. 1".
  const versions = await openVersions(amira);
  await versions.getByLabel("Version name").fill("Rev. 1");
  await versions.getByLabel("Note (optional)").fill("Before the Doha round");
  await versions.getByRole("button", { name: "Save version" }).click();
  const row = versions.getByRole("row", { name: /Rev\. 1/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText("Amira Haddad");
  await expect(row).toContainText("saved");

  // Kofi changes a term's text and drops the option "may".
  await kofi.selectText("within 14 days");
  await kofi.page.keyboard.type("within 30 days");
  await expect(kofi.editor).toContainText("responds to a reported breach within 30 days");
  await dropOption(kofi, "may");
  await expect(term(amira, "Art. 2.1").locator(".bracket-option")).toHaveText(["shall", "should"]);
  await expect(amira.editor).toContainText("within 30 days");

  // Who wrote what: Amira colours the text by author; Kofi's words say they are his on hover.
  await versions.getByRole("button", { name: "Close" }).click();
  await amira.page.getByRole("checkbox", { name: "Colour by author" }).check();
  const kofis = amira.editor.locator('.authored[data-author="Kofi Mensah"]', { hasText: "30" });
  await expect(kofis).toHaveAttribute("title", /^Written by Kofi Mensah \(/);
  // The template's text was written by the server itself: no author is recorded for it.
  await expect(amira.editor.locator(".authored-unknown").first()).toBeVisible();
  await expect(amira.page.getByRole("region", { name: "Authors" })).toContainText("Kofi Mensah");
  await amira.page.getByRole("checkbox", { name: "Colour by author" }).uncheck();
  await expect(amira.editor.locator(".authored")).toHaveCount(0);
  await openVersions(amira);

  // Amira compares Rev. 1 with now.
  await versions.getByRole("link", { name: "Compare Rev. 1 with now" }).click();
  const page = amira.page;
  await expect(page.getByRole("heading", { name: "Changes from Rev. 1 to now" })).toBeVisible();
  const summary = page.locator(".comparison-summary");
  await expect(summary).toContainText("1 bracket option dropped");
  const changed = page.locator("article.term-change", {
    has: page.locator("ins", { hasText: "30" }),
  });
  await expect(changed).toContainText("text changed");
  await expect(changed.locator("del")).toContainText("14");
  const dropped = page.getByRole("region", { name: "Dropped options" });
  await expect(dropped).toContainText("“may”");
  await expect(dropped).toContainText("Art. 2.1");
  await expect(dropped).toContainText("removed by");
  await expect(dropped).toContainText("Kofi Mensah");
  await expect(page.getByRole("button", { name: "Export DOCX redline" })).toBeEnabled();
  await page.screenshot({ path: COMPARISON_SCREENSHOT, fullPage: true, animations: "disabled" });

  // Rev. 1 read-only, as it was: the old wording and all three options.
  await page.getByRole("link", { name: "Back to the framework" }).click();
  await amira.waitUntilLive();
  await (await openVersions(amira)).getByRole("link", { name: "Open Rev. 1" }).click();
  const old = page.getByRole("textbox", { name: "Text of Rev. 1" });
  await expect(page.getByRole("status").filter({ hasText: "Read-only" })).toBeVisible();
  await expect(old).toContainText("responds to a reported breach within 14 days");
  await expect(old.locator(".bracket-option")).toContainText(["shall", "should", "may"]);
  await expect(old).toHaveAttribute("contenteditable", "false");

  // Back in the framework, Amira restores Rev. 1 for everyone.
  await page.getByRole("link", { name: "Back to the framework" }).click();
  await amira.waitUntilLive();
  const again = await openVersions(amira);
  await again.getByRole("button", { name: "Restore Rev. 1" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Restore “Rev. 1”?" });
  await confirm.getByRole("button", { name: "Restore" }).click();
  await expect(confirm).toBeHidden();
  await expect(again.getByRole("status")).toContainText("Restored “Rev. 1”");
  await expect(again.getByRole("row", { name: /before restore/ })).toBeVisible();
  await again.getByRole("button", { name: "Close" }).click();

  for (const person of [amira, kofi]) {
    await expect(person.editor).toContainText("responds to a reported breach within 14 days");
    await expect(term(person, "Art. 2.1").locator(".bracket-option")).toHaveText([
      "shall",
      "should",
      "may",
    ]);
  }
});

/**
 * The negotiation framework in the editor, with two people in two browser contexts: term status
 * and stances live, brackets and their resolution, the three text views, the stance matrix, and
 * invalid values refused with a message (or shown as such when already stored).
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

/** Creates a framework from the phased reciprocal template (written by the server). */
async function createTemplateFramework(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
): Promise<string> {
  const response = await request.post(`${serverUrl}/api/frameworks`, {
    data: { title, template: "phased-reciprocal" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { id?: unknown };
  if (typeof body.id !== "string") throw new Error(`unexpected response ${JSON.stringify(body)}`);
  return body.id;
}

/** The term block whose number is `label` ("Art. 2.1"). */
function term(person: Participant, label: string): Locator {
  return person.editor.locator("section.term").filter({
    has: person.page.locator(".term-number", { hasText: label }),
  });
}

function stanceChip(person: Participant, label: string, party: string): Locator {
  return person.page.getByRole("button", { name: new RegExp(`^Stance of ${party} on ${label}:`) });
}

async function recordStance(
  person: Participant,
  label: string,
  party: string,
  stance: string,
  condition?: string,
): Promise<void> {
  await stanceChip(person, label, party).click();
  const dialog = person.page.getByRole("dialog", { name: `${party}'s stance on ${label}` });
  await dialog.getByRole("radio", { name: stance, exact: true }).check();
  if (condition !== undefined)
    await dialog.getByRole("textbox", { name: "Conditions" }).fill(condition);
  await dialog.getByRole("button", { name: "Save stance" }).click();
  await expect(dialog).toBeHidden();
}

/** Selects the first occurrence of `text` in the editor (through Tiptap's own API). */
async function selectText(person: Participant, text: string): Promise<void> {
  await person.editor.evaluate((element, wanted) => {
    interface Node {
      isText: boolean;
      text?: string;
      descendants(fn: (node: Node, pos: number) => boolean | undefined): void;
    }
    interface Holder {
      editor?: {
        state: { doc: Node };
        commands: { focus(): void; setTextSelection(r: { from: number; to: number }): void };
      };
    }
    const editor = (element as HTMLElement & Holder).editor;
    if (!editor) throw new Error("no editor");
    let found: { from: number; to: number } | null = null;
    editor.state.doc.descendants((node, pos) => {
      if (found) return false;
      const at = node.isText && node.text ? node.text.indexOf(wanted) : -1;
      if (at >= 0) found = { from: pos + at, to: pos + at + wanted.length };
      return true;
    });
    if (!found) throw new Error(`"${wanted}" is not in the text`);
    editor.commands.focus();
    editor.commands.setTextSelection(found);
  }, text);
}

function termText(person: Participant, label: string): Locator {
  return term(person, label).locator(".term-body");
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
}

test("A sets a term's status and B a party's stance: each sees the other's change live", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Status and stances");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  const statusA = amira.page.getByRole("combobox", { name: "Status of Art. 1.2" });
  const statusB = kofi.page.getByRole("combobox", { name: "Status of Art. 1.2" });
  await expect(statusB).toHaveValue("proposed");
  await statusA.selectOption({ label: "Agreed ad referendum" });
  await expect(statusB).toHaveValue("agreedAdReferendum");
  await expect(statusB).toHaveAttribute("title", /Status set by Amira Haddad/);

  await recordStance(kofi, "Art. 1.2", "SP", "Accepts with conditions", "once Phase 1 is verified");
  const chip = stanceChip(amira, "Art. 1.2", "SP");
  await expect(chip).toHaveAccessibleName("Stance of SP on Art. 1.2: Accepts with conditions");
  await expect(chip).toHaveAttribute("title", /Condition: once Phase 1 is verified/);
  await expect(chip).toHaveAttribute("title", /Recorded by Kofi Mensah/);

  // Both also see it in the stance matrix row.
  await openTab(amira.page, "Stance matrix");
  const row = amira.page.getByRole("row", { name: /Art\. 1\.2/ });
  await expect(row.locator('[data-stance="acceptsWithConditions"]')).toHaveCount(1);
  await expect(row).toContainText("Stances missing");
});

test("A brackets a span with two options, B resolves it: both end with the same clean text", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Brackets");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  await selectText(amira, "refrains from");
  await amira.page.getByRole("button", { name: "Bracket selection" }).click();
  const form = amira.page.getByRole("form", { name: "Bracket the selection" });
  await form.getByLabel("Current wording proposed by").selectOption({ label: "First Party (FP)" });
  await form.getByLabel("Alternative wording", { exact: true }).fill("shall refrain from");
  await form.getByLabel("Alternative proposed by").selectOption({ label: "Second Party (SP)" });
  await form.getByRole("button", { name: "Put in brackets" }).click();

  // B sees the bracket with both options, and the proposer on hover.
  const options = term(kofi, "Art. 3.1").locator(".bracket-option");
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveText("refrains from");
  await expect(options.nth(1)).toHaveText("shall refrain from");
  await expect(options.nth(1)).toHaveAttribute("title", /Proposed by SP/);

  // B puts the cursor in the bracket: the panel shows both options; FP supports option 2.
  await options.nth(1).click();
  const card = kofi.page.getByRole("article", { name: "Bracket in Art. 3.1" });
  await expect(card.getByRole("listitem", { name: "Option 1" })).toContainText("proposed by FP");
  const option2 = card.getByRole("listitem", { name: "Option 2" });
  await option2.getByRole("button", { name: "FP supports" }).click();
  await expect(option2.getByRole("button", { name: "FP supports" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(term(amira, "Art. 3.1").locator(".bracket-option").nth(1)).toHaveAttribute(
    "title",
    /Supported by FP/,
  );
  await option2.getByRole("button", { name: "Choose option 2" }).click();

  const clean =
    "Each Party shall refrain from the threat or use of force against the other while this framework is implemented.";
  await expect(termText(kofi, "Art. 3.1")).toHaveText(clean);
  await expect(termText(amira, "Art. 3.1")).toHaveText(clean);
  await expect(term(amira, "Art. 3.1").locator(".bracket")).toHaveCount(0);
  await expect
    .poll(async () => JSON.stringify(await amira.blocks()))
    .toBe(JSON.stringify(await kofi.blocks()));

  // The resolution is on record for both.
  await openTab(amira.page, "Progress");
  await expect(amira.page.getByRole("region", { name: "Progress" })).toContainText(
    "“shall refrain from” chosen (proposed by SP) over “refrains from”",
  );
  await expect(amira.page.getByTestId("open-brackets")).toHaveText("2 open brackets");
});

test("the three views: with brackets, clean, and as each party would have it", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Views");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const { page } = amira;

  // With brackets: the live text shows every option.
  await expect(term(amira, "Art. 2.1").locator(".bracket-option")).toHaveText(["shall", "should"]);

  const viewSelect = page.getByRole("combobox", { name: "Text view" });
  await viewSelect.selectOption({ label: "Clean text" });
  const clean = page.getByLabel("Clean text", { exact: true });
  await expect(clean).toContainText("The Second Party [open bracket] suspend the measures");
  await expect(clean).not.toContainText("shall suspend");
  await expect(page.getByRole("status").filter({ hasText: "Clean text:" })).toContainText(
    "2 open brackets are flagged",
  );
  await expect(amira.editor).toBeHidden();

  await viewSelect.selectOption({ label: "As FP would have it" });
  const fp = page.getByLabel("As FP would have it", { exact: true });
  await expect(fp).toContainText("The Second Party shall suspend the measures");
  await expect(fp).toContainText("every 90 days");
  await expect(fp).not.toContainText("[open bracket]");

  await viewSelect.selectOption({ label: "As SP would have it" });
  const sp = page.getByLabel("As SP would have it", { exact: true });
  await expect(sp).toContainText("The Second Party should suspend the measures");
  await expect(sp).toContainText("every 30 days");

  await viewSelect.selectOption({ label: "As MED would have it" });
  await expect(page.getByLabel("As MED would have it", { exact: true })).toContainText(
    "[no preference]",
  );

  await viewSelect.selectOption({ label: "With brackets (editing)" });
  await expect(amira.editor).toBeVisible();
  await expect(amira.editor).toHaveAttribute("contenteditable", "true");
});

/**
 * The negotiation framework in the editor, with two people in two browser contexts: term status
 * and stances live, brackets and their resolution, the three text views, the stance matrix, and
 * invalid values refused with a message (or shown as such when already stored).
 */
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const MATRIX_SCREENSHOT = fileURLToPath(
  new URL("../../docs/screenshots/stance-matrix.png", import.meta.url),
);

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

function termText(person: Participant, label: string): Locator {
  return term(person, label).locator(".term-body");
}

/** Confirms the resolution dialog that "Choose option N" opens. */
async function confirmResolution(page: Page, option: number): Promise<void> {
  const dialog = page.getByRole("alertdialog", {
    name: `Resolve the bracket with option ${option}?`,
  });
  await dialog.getByRole("button", { name: `Resolve with option ${option}` }).click();
  await expect(dialog).toBeHidden();
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

  await amira.selectText("refrains from");
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
  // (Amira's caret, with her name, sits in option 2 on Kofi's screen.)
  await expect(options.nth(1)).toHaveText(/^shall refrain from/);
  await expect(options.nth(1)).toHaveAttribute("title", /Proposed by SP/);

  // B puts the cursor in the bracket: the panel shows both options; FP supports option 2.
  await options.nth(1).click();
  const card = kofi.page.getByRole("article", { name: "Bracket in Art. 3.1", exact: true });
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
  await confirmResolution(kofi.page, 2);

  const clean =
    "Each Party shall refrain from the threat or use of force against the other while this framework is implemented.";
  // Read from the editors' state: the DOM also holds the other person's caret label.
  await expect.poll(() => kofi.blocks()).toContain(clean);
  await expect.poll(() => amira.blocks()).toContain(clean);
  await expect(term(amira, "Art. 3.1").locator(".bracket")).toHaveCount(0);
  await expect
    .poll(async () => JSON.stringify(await amira.blocks()))
    .toBe(JSON.stringify(await kofi.blocks()));

  // The resolution is on record for both.
  await openTab(amira.page, "Progress");
  await expect(amira.page.getByRole("region", { name: "Progress" })).toContainText(
    "“shall refrain from” chosen (proposed by SP); dropped “refrains from”",
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
  // As the export's clean text: each open bracket's first option, flagged †.
  await expect(clean).toContainText("The Second Party shall† suspend the measures");
  await expect(clean).not.toContainText("should");
  await expect(page.getByRole("status").filter({ hasText: "Clean text" })).toContainText(
    "2 passages marked † are still in brackets: the first proposed wording is shown.",
  );
  await expect(amira.editor).toBeHidden();

  await viewSelect.selectOption({ label: "As FP would have it" });
  const fp = page.getByLabel("As FP would have it", { exact: true });
  await expect(fp).toContainText("The Second Party shall suspend the measures");
  await expect(fp).toContainText("every 90 days");
  await expect(fp).not.toContainText("†");

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

test("brackets nest, take more options, and resolve from the inside out", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Nested brackets");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const { page } = amira;

  // Art. 2.1 holds [shall][should]; bracket "shall" inside option 1.
  await amira.selectText("shall");
  await page.getByRole("button", { name: "Bracket selection" }).click();
  const form = page.getByRole("form", { name: "Bracket the selection" });
  await form.getByLabel("Alternative wording", { exact: true }).fill("must");
  await form.getByRole("button", { name: "Put in brackets" }).click();

  const inner = page.getByRole("article", { name: "Nested bracket in Art. 2.1", exact: true });
  const outer = page.getByRole("article", { name: "Bracket in Art. 2.1", exact: true });
  await expect(inner).toBeVisible();
  await expect(outer.getByRole("listitem", { name: "Option 1" })).toContainText("[shall / must]");

  // A third wording for the outer bracket, proposed by the mediator.
  await outer.getByLabel("Wording of the new option").fill("may");
  await outer.getByLabel("Proposed by").selectOption({ label: "MED" });
  await outer.getByRole("button", { name: "Add option" }).click();
  await expect(outer.getByRole("listitem", { name: "Option 3" })).toContainText("proposed by MED");

  // Choosing the outer option 1 keeps the nested bracket open; then resolve that one.
  await outer.getByRole("button", { name: "Choose option 1" }).click();
  await confirmResolution(page, 1);
  await expect(termText(amira, "Art. 2.1")).toContainText("The Second Party shallmust suspend");
  await expect(term(amira, "Art. 2.1").locator(".bracket")).toHaveCount(1);
  await term(amira, "Art. 2.1").locator(".bracket-option", { hasText: "must" }).click();
  await page
    .getByRole("article", { name: "Bracket in Art. 2.1", exact: true })
    .getByRole("button", { name: "Choose option 2" })
    .click();
  await confirmResolution(page, 2);
  await expect(termText(amira, "Art. 2.1")).toContainText("The Second Party must suspend");
  await expect(term(amira, "Art. 2.1").locator(".bracket")).toHaveCount(0);
});

test("the stance matrix shows every party's stance per term at a glance (screenshot)", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Stance matrix");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const { page } = amira;

  // A guarantor joins the framework: its stance counts too.
  const parties = page.getByRole("region", { name: "Parties" });
  await parties.getByRole("button", { name: "Add party" }).click();
  const add = parties.getByRole("form", { name: "Add party" });
  await add.getByLabel("Name", { exact: true }).fill("Guarantor State");
  await add.getByLabel("Short name").fill("GS");
  await add.getByLabel("Colour (#rrggbb)").fill("#6d28d9");
  await add.getByLabel("Role").selectOption({ label: "Guarantor" });
  await add.getByRole("button", { name: "Add party" }).click();
  await expect(parties.getByRole("listitem", { name: "Guarantor State" })).toBeVisible();

  const stances: [string, string, string, string?][] = [
    ["Art. 1.1", "FP", "Accepts"],
    ["Art. 1.1", "SP", "Accepts"],
    ["Art. 1.1", "GS", "Accepts"],
    ["Art. 1.2", "FP", "Accepts"],
    ["Art. 1.2", "SP", "Accepts with conditions", "only with the annexes agreed"],
    ["Art. 1.2", "GS", "Accepts"],
    ["Art. 2.1", "FP", "Accepts"],
    ["Art. 2.1", "SP", "Rejects"],
    ["Art. 3.1", "FP", "Accepts with conditions", "reciprocal declaration"],
    ["Art. 3.1", "SP", "Accepts"],
    ["Art. 4.1", "SP", "Accepts"],
    ["Art. 5.1", "GS", "Rejects"],
  ];
  for (const [label, party, stance, condition] of stances) {
    await recordStance(amira, label, party, stance, condition);
  }

  await openTab(page, "Stance matrix");
  const matrix = page.getByRole("region", { name: "Stance matrix" });
  await expect(matrix.getByRole("row", { name: /Art\. 1\.1/ })).toContainText("Agreed by all");
  await expect(matrix.getByRole("row", { name: /Art\. 1\.2/ })).toContainText("Conditions stand");
  await expect(matrix.getByRole("row", { name: /Art\. 2\.1/ })).toContainText("Blocked");
  await expect(matrix.getByRole("row", { name: /Art\. 5\.1/ })).toContainText("Blocked");
  await expect(matrix.getByRole("row", { name: /Art\. 6\.1/ })).toContainText("Stances missing");
  await expect(matrix.getByRole("columnheader")).toHaveText([
    "Term",
    "FPFirst Party",
    "GSGuarantor State",
    "SPSecond Party",
    "Summary",
  ]);
  await matrix.screenshot({ path: MATRIX_SCREENSHOT, animations: "disabled" });
});

test("invalid values are refused with a message, and a stored bad value still opens", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Invalid values");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  // A party with a malformed colour, then with a short name in use: refused, nothing added.
  const parties = amira.page.getByRole("region", { name: "Parties" });
  await parties.getByRole("button", { name: "Add party" }).click();
  const add = parties.getByRole("form", { name: "Add party" });
  await add.getByLabel("Name", { exact: true }).fill("Third State");
  await add.getByLabel("Short name").fill("FP");
  await add.getByLabel("Colour (#rrggbb)").fill("red");
  await add.getByRole("button", { name: "Add party" }).click();
  await expect(add.getByRole("alert")).toContainText("Colour: pick a colour such as");
  await add.getByLabel("Colour (#rrggbb)").fill("#0e7490");
  await add.getByRole("button", { name: "Add party" }).click();
  await expect(add.getByRole("alert")).toContainText(
    'The short name "FP" is already used by First Party.',
  );
  await expect(parties.getByRole("listitem")).toHaveCount(3);
  await add.getByRole("button", { name: "Cancel" }).click();

  // Editing: an empty name is refused; a new name reaches Kofi's panel live.
  await parties.getByRole("button", { name: "Edit First Party" }).click();
  const edit = parties.getByRole("form", { name: "Save" });
  await edit.getByLabel("Name", { exact: true }).fill(" ");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("alert")).toContainText("Give the party a name");
  await edit.getByLabel("Name", { exact: true }).fill("Republic of First");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(
    kofi.page.getByRole("region", { name: "Parties" }).getByRole("listitem", {
      name: "Republic of First",
    }),
  ).toBeVisible();

  // Kofi opens SP's stance editor; meanwhile Amira removes SP, which asks first and says why.
  await stanceChip(kofi, "Art. 1.1", "SP").click();
  const editor = kofi.page.getByRole("dialog", { name: "SP's stance on Art. 1.1" });
  await editor.getByRole("radio", { name: "Accepts", exact: true }).check();
  await parties.getByRole("button", { name: "Remove Second Party" }).click();
  const confirm = amira.page.getByRole("alertdialog", { name: "Remove Second Party?" });
  await expect(confirm).toContainText("Proposed an option in a bracket in Art. 2.1");
  await expect(confirm).toContainText("Proposed an option in a bracket in Art. 4.1");
  await confirm.getByRole("button", { name: "Remove party" }).click();
  await expect(kofi.page.getByRole("region", { name: "Parties" })).not.toContainText(
    "Second Party",
  );
  await editor.getByRole("button", { name: "Save stance" }).click();
  await expect(editor.getByRole("alert")).toHaveText(
    "Second Party (SP) was removed from this framework.",
  );
  await editor.getByRole("button", { name: "Cancel" }).click();
  await expect(stanceChip(kofi, "Art. 1.1", "SP")).toHaveCount(0);
  await openTab(kofi.page, "Stance matrix");
  await expect(kofi.page.getByRole("region", { name: "Stance matrix" })).not.toContainText("SP");
  await openTab(kofi.page, "Text");

  // A hostile or old client writes an unknown category: the term still opens and says so.
  await amira.editor.evaluate((element) => {
    interface Holder {
      editor?: {
        state: {
          doc: { descendants(fn: (n: { type: { name: string } }, pos: number) => boolean): void };
        };
        view: {
          dispatch(tr: unknown): void;
          state: { tr: { setNodeAttribute(p: number, k: string, v: unknown): unknown } };
        };
      };
    }
    const tiptap = (element as HTMLElement & Holder).editor;
    if (!tiptap) throw new Error("no editor");
    let at = -1;
    tiptap.state.doc.descendants((node, pos) => {
      if (at < 0 && node.type.name === "term") at = pos;
      return at < 0;
    });
    tiptap.view.dispatch(tiptap.view.state.tr.setNodeAttribute(at, "category", "bogus"));
  });
  const category = kofi.page.getByRole("combobox", { name: "Category of Art. 1.1" });
  await expect(category.locator("option:checked")).toHaveText('category invalid: "bogus"');
  await expect(term(kofi, "Art. 1.1")).toHaveAttribute("data-category", "invalid");
  await expect(kofi.editor).toHaveAttribute("contenteditable", "true");
  // Choosing a valid category repairs it for everyone.
  await category.selectOption({ label: "Guarantees" });
  await expect(amira.page.getByRole("combobox", { name: "Category of Art. 1.1" })).toHaveValue(
    "guarantees",
  );
});

test("New framework offers a blank or a phased reciprocal framework", async ({ join }) => {
  const amira = await join("Amira Haddad");
  await amira.visit("/");
  await amira.page.getByLabel("New framework").fill("Phased non-paper");
  await amira.page.getByLabel("Start from").selectOption({ label: "Phased reciprocal framework" });
  await amira.page.getByRole("button", { name: "Create" }).click();
  await amira.waitUntilLive();
  await expect(term(amira, "Art. 2.1").locator(".bracket-option")).toHaveText(["shall", "should"]);
  await expect(
    amira.page.getByRole("region", { name: "Parties" }).getByRole("listitem"),
  ).toHaveCount(3);

  await amira.visit("/");
  await amira.page.getByLabel("New framework").fill("Blank non-paper");
  await amira.page.getByRole("button", { name: "Create" }).click();
  await amira.waitUntilLive();
  await expect(amira.editor.locator("section.term")).toHaveCount(0);
  await expect(amira.page.getByRole("region", { name: "Parties" })).toContainText(
    "No parties yet.",
  );
});

test("a paragraph becomes a term, a new term is inserted, and both are numbered live", async ({
  createFramework,
  join,
}) => {
  const id = await createFramework("Terms from scratch");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  // The blank framework starts with a title, a "1. General" section and an empty paragraph.
  await amira.focusEndOfLastParagraph();
  await amira.page.keyboard.press("Enter");
  await amira.page.keyboard.type("The Parties exchange lists of detainees.");
  await amira.page.getByRole("button", { name: "Make term" }).click();
  await expect(term(kofi, "Art. 1.1")).toContainText("The Parties exchange lists of detainees.");
  await expect(kofi.page.getByRole("combobox", { name: "Category of Art. 1.1" })).toBeEnabled();

  // She types once her new term is there, as a person would; her own copy holds the words before
  // Kofi's does (a failure says on which side they went missing).
  await amira.page.getByRole("button", { name: "Insert term" }).click();
  await expect(term(amira, "Art. 1.2")).toBeVisible();
  await amira.page.keyboard.type("Releases take place within 30 days.");
  await expect(term(amira, "Art. 1.2")).toContainText("Releases take place within 30 days.");
  await expect(term(kofi, "Art. 1.2")).toContainText("Releases take place within 30 days.");
  await kofi.page
    .getByRole("combobox", { name: "Category of Art. 1.2" })
    .selectOption({ label: "Security assurances" });
  await expect(amira.page.getByRole("combobox", { name: "Category of Art. 1.2" })).toHaveValue(
    "securityAssurances",
  );
  await expect(amira.page.getByRole("button", { name: "Make term" })).toBeDisabled();
});

test("a delegation member records their own party's stance, and only theirs", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Delegation stances");
  const amira = await join("Amira Haddad");
  await amira.open(id);

  // Kofi joins as a commenter of the Second Party delegation (an invite minted by the operator).
  const invite = await request.post(`${serverUrl}/api/frameworks/${id}/invites`, {
    headers: { authorization: `Bearer ${process.env.PARLEY_E2E_ADMIN_TOKEN ?? ""}` },
    data: { role: "commenter", party: "party-b", name: "Kofi Mensah" },
  });
  expect(invite.status()).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  const kofi = await join("Kofi Mensah");
  await kofi.visit(`/f/${id}?token=${encodeURIComponent(token)}`);
  await expect(kofi.connection).toHaveAttribute("data-connection", "connected");

  // Another party's stance is not his to record; his own party's is, and the server keeps it.
  await expect(stanceChip(kofi, "Art. 1.1", "FP")).toBeDisabled();
  await recordStance(kofi, "Art. 1.1", "SP", "Rejects");
  const chip = stanceChip(amira, "Art. 1.1", "SP");
  await expect(chip).toHaveAccessibleName("Stance of SP on Art. 1.1: Rejects");
  await expect(chip).toHaveAttribute("title", /Recorded by Kofi Mensah \(SP\)/);
});

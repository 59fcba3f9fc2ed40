/**
 * Only a party speaks for itself, in the browser: a drafter of the First Party cannot record the
 * Second Party's stance or support, and does not see party management; the mediator's stance for
 * a party is marked in the matrix; resolving a bracket asks for confirmation and can be reopened.
 */
import type { Locator, Page } from "@playwright/test";
import { createTemplateFramework, expect, inviteToken, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

function stanceChip(person: Participant, label: string, party: string): Locator {
  return person.page.getByRole("button", { name: new RegExp(`^Stance of ${party} on ${label}:`) });
}

async function recordStance(person: Participant, label: string, party: string, stance: string) {
  await stanceChip(person, label, party).click();
  const dialog = person.page.getByRole("dialog", { name: `${party}'s stance on ${label}` });
  await dialog.getByRole("radio", { name: stance, exact: true }).check();
  await dialog.getByRole("button", { name: "Save stance" }).click();
  await expect(dialog).toBeHidden();
}

function term(person: Participant, label: string): Locator {
  return person.editor.locator("section.term").filter({
    has: person.page.locator(".term-number", { hasText: label }),
  });
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
}

test("party A's drafter cannot record B's stance; the mediator's stance for B is marked in the matrix", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Party stances");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const dana = await join("Dana Drafter");
  await dana.open(
    id,
    await inviteToken(request, serverUrl, id, {
      role: "drafter",
      party: "party-a",
      name: "Dana Drafter",
    }),
  );

  // The Second Party's stance is not the First Party's drafter's to record; its own party's is.
  await expect(stanceChip(dana, "Art. 1.1", "SP")).toBeDisabled();
  await expect(stanceChip(dana, "Art. 1.1", "SP")).toHaveAttribute(
    "title",
    /Only Second Party's delegation or a mediator records it/,
  );
  await recordStance(dana, "Art. 1.1", "FP", "Accepts");

  // Nor its support on a bracket option, and parties are the mediator's to manage.
  await term(dana, "Art. 2.1").locator(".bracket-option").nth(1).click();
  const card = dana.page.getByRole("article", { name: "Bracket in Art. 2.1", exact: true });
  const option2 = card.getByRole("listitem", { name: "Option 2" });
  await expect(option2.getByRole("button", { name: "SP supports" })).toBeDisabled();
  await expect(option2.getByRole("button", { name: "FP supports" })).toBeEnabled();
  const parties = dana.page.getByRole("region", { name: "Parties" });
  await expect(parties.getByText("Second Party")).toBeVisible();
  await expect(parties.getByRole("button", { name: /^(Edit|Remove) / })).toHaveCount(0);
  await expect(parties.getByRole("button", { name: "Add party" })).toHaveCount(0);
  await expect(
    amira.page.getByRole("region", { name: "Parties" }).getByRole("button", {
      name: "Remove Second Party",
    }),
  ).toBeVisible();

  // The mediator records the Second Party's support on its behalf: Dana's panel says so.
  await term(amira, "Art. 2.1").locator(".bracket-option").nth(1).click();
  await amira.page
    .getByRole("article", { name: "Bracket in Art. 2.1", exact: true })
    .getByRole("listitem", { name: "Option 2" })
    .getByRole("button", { name: "SP supports" })
    .click();
  await expect(option2.getByRole("button", { name: "SP supports" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(option2).toContainText("recorded by the mediator for SP");

  // The mediator records the Second Party's stance on its behalf: the matrix says so, visibly.
  await recordStance(amira, "Art. 1.1", "SP", "Rejects");
  await expect(stanceChip(dana, "Art. 1.1", "SP")).toHaveAccessibleName(
    "Stance of SP on Art. 1.1: Rejects",
  );
  await expect(stanceChip(dana, "Art. 1.1", "SP")).toContainText("recorded by the mediator for SP");
  await openTab(dana.page, "Stance matrix");
  const row = dana.page.getByRole("row", { name: /Art\. 1\.1/ });
  const spCell = row.locator('[data-stance="rejects"]');
  await expect(spCell).toBeVisible();
  await expect(spCell.locator(".cell-behalf")).toHaveText("recorded by the mediator for SP");
  await expect(spCell.locator(".cell-behalf")).toBeVisible();
  // The First Party recorded its own: no mark.
  const fpCell = row.locator('[data-stance="accepts"]');
  await expect(fpCell).toBeVisible();
  await expect(fpCell.locator(".cell-behalf")).toHaveCount(0);
});

test("resolving a contested bracket asks for confirmation, is the mediator's, and can be reopened", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Resolve and reopen");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const dana = await join("Dana Drafter");
  await dana.open(
    id,
    await inviteToken(request, serverUrl, id, {
      role: "drafter",
      party: "party-a",
      name: "Dana Drafter",
    }),
  );
  const before = await amira.blocks();

  // Art. 2.1 holds [shall (FP) / should (SP)]: the First Party's drafter may not choose "shall".
  await term(dana, "Art. 2.1").locator(".bracket-option").nth(1).click();
  const danaCard = dana.page.getByRole("article", { name: "Bracket in Art. 2.1", exact: true });
  const danaOption1 = danaCard.getByRole("listitem", { name: "Option 1" });
  await expect(danaOption1.getByRole("button", { name: "Choose option 1" })).toBeDisabled();
  await expect(danaOption1).toContainText("Contested: SP does not support this option");

  // The mediator chooses it: a confirmation first, which can be cancelled.
  await term(amira, "Art. 2.1").locator(".bracket-option").nth(1).click();
  const card = amira.page.getByRole("article", { name: "Bracket in Art. 2.1", exact: true });
  await card.getByRole("button", { name: "Choose option 1" }).click();
  const dialog = amira.page.getByRole("alertdialog", {
    name: "Resolve the bracket with option 1?",
  });
  await expect(dialog).toContainText("“should”");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(term(amira, "Art. 2.1").locator(".bracket")).toHaveCount(1);

  await card.getByRole("button", { name: "Choose option 1" }).click();
  await dialog.getByRole("button", { name: "Resolve with option 1" }).click();
  await expect(dialog).toBeHidden();
  await expect(term(dana, "Art. 2.1").locator(".bracket")).toHaveCount(0);
  await expect(term(dana, "Art. 2.1").locator(".term-body")).toContainText(
    "The Second Party shall suspend",
  );

  // The record: who resolved it and what was dropped; the mediator reopens it.
  await openTab(amira.page, "Progress");
  const record = amira.page.getByRole("listitem", { name: /^Resolution of bracket / });
  await expect(record).toContainText("“shall” chosen (proposed by FP); dropped “should”");
  await expect(record).toContainText("resolved by Amira Haddad");
  await record.getByRole("button", { name: "Reopen bracket" }).click();
  await expect(record).toContainText("reopened by Amira Haddad");
  await expect(record.getByText("open again")).toBeVisible();

  // Both see the bracket back, with both options and their proposers, as before.
  const options = term(dana, "Art. 2.1").locator(".bracket-option");
  await expect(options).toHaveCount(2);
  await expect(options.nth(0)).toHaveText("shall");
  await expect(options.nth(1)).toHaveText("should");
  await expect(options.nth(1)).toHaveAttribute("title", /Proposed by SP/);
  await expect.poll(() => amira.blocks()).toEqual(before);
  await expect.poll(() => dana.blocks()).toEqual(before);
});

/**
 * Suggestion mode in two browsers: a party's commenter suggests, a drafter of the other party sees
 * the suggestion live in the first party's colour with its author, accepts one and rejects
 * another, and the text reloads as decided; a suggestion typed offline arrives; "track all
 * changes" turns a drafter's typing into a suggestion. Also writes the README's picture of the
 * suggestion cards (docs/screenshots/suggestions.png).
 */
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Locator } from "@playwright/test";
import { createTemplateFramework, expect, inviteToken, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const screenshot = fileURLToPath(
  new URL("../../docs/screenshots/suggestions.png", import.meta.url),
);

// Two browsers each, several round trips and a reload, on machines that run other work too.
test.describe.configure({ timeout: 180_000 });

/** The First Party's colour in the phased reciprocal template, as CSS computes it. */
const FIRST_PARTY_RGB = "rgb(31, 95, 168)";

/** Opens the framework with an invite and waits until it is live (read-only or not). */
async function enter(person: Participant, id: string, token: string): Promise<void> {
  await person.visit(`/f/${id}?token=${encodeURIComponent(token)}`);
  await expect(person.connection).toHaveAttribute("data-connection", "connected");
  await expect(person.editor).toContainText("within 60 days");
}

/** Invites `person` (by their name) with `role` for `party`, then opens the framework as them. */
async function enterAs(
  person: Participant,
  at: { request: APIRequestContext; serverUrl: string; id: string },
  role: string,
  party: string,
): Promise<void> {
  const token = await inviteToken(at.request, at.serverUrl, at.id, {
    role,
    party,
    name: person.name,
  });
  await enter(person, at.id, token);
}

function mode(person: Participant): Locator {
  return person.page.getByRole("combobox", { name: "Mode", exact: true });
}

async function suggest(person: Participant): Promise<void> {
  await mode(person).selectOption("suggesting");
  await expect(person.editor).toHaveAttribute("contenteditable", "true");
}

function card(person: Participant, summary: string): Locator {
  return person.page.getByRole("article", { name: `Suggestion: ${summary}` });
}

test("a commenter's suggestion reaches the drafter live, in colour; accept, reject, reload", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Suggestions");
  const lena = await join("Lena Ortiz");
  const dana = await join("Dana Drafter");
  // The commenter opens it first: her editor must not write the empty paragraph it keeps after
  // the final term (an unmarked insertion the server would refuse, and every update after it).
  await enterAs(lena, { request, serverUrl, id }, "commenter", "party-a");
  await enterAs(dana, { request, serverUrl, id }, "drafter", "party-b");

  // A commenter views by default; Suggesting is hers to choose, Editing is not offered.
  await expect(lena.editor).toHaveAttribute("contenteditable", "false");
  await expect(mode(lena).locator("option")).toHaveText(["Suggesting", "Viewing"]);
  await suggest(lena);

  // Replacing a selection is one suggestion: the old words struck through, the new ones added.
  await lena.selectText("60");
  await lena.page.keyboard.type("90");
  await expect(lena.editor.locator("del.suggestion-delete")).toHaveText("60");
  await expect(lena.editor.locator("ins.suggestion-insert")).toHaveText("90");
  await lena.selectText("14");
  await lena.page.keyboard.type("30");

  // Dana sees both live, in the First Party's colour, with Lena's name.
  const inserted = dana.editor.locator("ins.suggestion-insert", { hasText: "90" });
  await expect(inserted).toHaveAttribute("data-author", "Lena Ortiz");
  await expect(inserted).toHaveAttribute("data-party", "party-a");
  await expect(inserted).toHaveCSS("color", FIRST_PARTY_RGB);
  const first = card(dana, 'Replace "60" with "90"');
  await expect(first).toContainText("Lena Ortiz");
  await expect(first).toContainText("FP");
  await expect(first.getByRole("button", { name: "Accept" })).toBeVisible();
  // The commenter may withdraw her own, not accept it.
  await expect(
    card(lena, 'Replace "60" with "90"').getByRole("button", { name: "Accept" }),
  ).toHaveCount(0);
  await expect(
    card(lena, 'Replace "60" with "90"').getByRole("button", { name: "Withdraw" }),
  ).toBeVisible();

  await expect(card(dana, 'Replace "14" with "30"')).toBeVisible();
  await dana.editor
    .locator("ins.suggestion-insert", { hasText: "30" })
    .evaluate((el) => el.scrollIntoView({ block: "center" }));
  await dana.page.screenshot({ path: screenshot });

  await first.getByRole("button", { name: "Accept" }).click();
  await card(dana, 'Replace "14" with "30"').getByRole("button", { name: "Reject" }).click();

  // Read from the document (another person's caret label sits inside the drawn text).
  const decided =
    /within 14 days of the Joint Verification[\s\S]*within 90 days of the entry into force/;
  for (const person of [dana, lena]) {
    await expect.poll(() => person.text()).toMatch(decided);
    await expect(person.editor.locator("ins.suggestion-insert, del.suggestion-delete")).toHaveCount(
      0,
    );
  }
  await expect(card(dana, 'Replace "60" with "90"')).toHaveCount(0);

  await dana.page.reload();
  await expect(dana.connection).toHaveAttribute("data-connection", "connected");
  await expect.poll(() => dana.text()).toMatch(decided);
  expect(await dana.text()).not.toMatch(/within 60 days|within 30 days/);
});

test("a suggestion typed offline arrives when the commenter is back, and she can withdraw it", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Offline suggestion");
  const lena = await join("Lena Ortiz");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  await enterAs(lena, { request, serverUrl, id }, "commenter", "party-a");
  await suggest(lena);

  await lena.context.setOffline(true);
  await expect(lena.connection).toHaveAttribute("data-connection", "offline");
  await lena.selectText("within 60 days", "end");
  await lena.page.keyboard.type(" at the latest");
  await expect(lena.editor.locator("ins.suggestion-insert")).toHaveText(" at the latest");
  await expect(amira.editor).not.toContainText("at the latest");

  await lena.context.setOffline(false);
  await expect(lena.connection).toHaveAttribute("data-connection", "connected");
  const arrived = amira.editor.locator("ins.suggestion-insert", { hasText: "at the latest" });
  await expect(arrived).toHaveAttribute("data-author", "Lena Ortiz");
  await expect(card(amira, 'Insert "at the latest"')).toBeVisible();

  // Her own suggestion is hers to withdraw: it goes for everyone.
  await card(lena, 'Insert "at the latest"').getByRole("button", { name: "Withdraw" }).click();
  await expect(amira.editor.locator("ins.suggestion-insert")).toHaveCount(0);
  expect(await amira.text()).not.toContain("at the latest");
});

test("track all changes turns a drafter's typing into a suggestion", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Tracked framework");
  const amira = await join("Amira Haddad");
  const dana = await join("Dana Drafter");
  await amira.open(id);
  await enterAs(dana, { request, serverUrl, id }, "drafter", "party-b");
  await expect(mode(dana)).toHaveValue("editing");

  await amira.page.getByRole("checkbox", { name: "Track all changes" }).check();

  // Dana is moved to Suggesting, and told why; Editing is no longer offered.
  await expect(mode(dana)).toHaveValue("suggesting");
  await expect(mode(dana).locator("option")).toHaveText(["Suggesting", "Viewing"]);
  await expect(dana.page.getByText("A mediator has switched on Track all changes")).toBeVisible();

  await dana.selectText("within 14 days", "end");
  await dana.page.keyboard.type(" of notification");
  const typed = amira.editor.locator("ins.suggestion-insert", { hasText: "of notification" });
  await expect(typed).toHaveAttribute("data-author", "Dana Drafter");
  await expect(typed).toHaveAttribute("data-party", "party-b");
  // Formatting is refused with a hint rather than tracked.
  await dana.selectText("within 14 days");
  await dana.page.keyboard.press("Control+b");
  await expect(dana.page.getByText("Formatting can't be suggested")).toBeVisible();
  await expect(dana.editor.locator("strong", { hasText: "within 14 days" })).toHaveCount(0);
});

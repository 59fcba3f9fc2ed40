/**
 * Invites and identity in the browser: the share dialog marks the mediator's own
 * invite, asks before revoking, copies any active invite's link, and never offers revoking the
 * last mediator invite; a named invite skips the name prompt; everyone has one colour on every
 * screen; a commenter's caret is seen by the others; a revoked page ends cleanly (no stack
 * overflow, no stale people list, no endless "Loading notes…"); normal use logs no refusal.
 */
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const serverUrl = () => process.env.PARLEY_E2E_URL ?? "";
const admin = () => ({ authorization: `Bearer ${process.env.PARLEY_E2E_ADMIN_TOKEN}` });

/** An invite link minted with the e2e server's admin token. */
async function inviteLink(
  request: APIRequestContext,
  frameworkId: string,
  body: { role: string; party?: string; name?: string },
): Promise<string> {
  const response = await request.post(`${serverUrl()}/api/frameworks/${frameworkId}/invites`, {
    headers: admin(),
    data: body,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { url: string }).url;
}

/** The framework's audit rows (admin token). */
async function auditRows(
  request: APIRequestContext,
  frameworkId: string,
): Promise<Array<{ action: string; user: string | null; detail: string | null }>> {
  const response = await request.get(
    `${serverUrl()}/api/frameworks/${frameworkId}/audit?limit=500`,
    { headers: admin() },
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { entries: [] }).entries;
}

/** Opens an invite link; the page must not ask for a name (the invite fixes it). */
async function openNamed(person: Participant, link: string): Promise<void> {
  await person.page.goto(link);
  await expect(person.connection).toHaveAttribute("data-connection", "connected");
  await expect(person.page.getByRole("dialog", { name: "Welcome to Parley" })).toHaveCount(0);
}

/** Collects the page's errors (uncaught and console) to check after the fact. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

function shareDialog(person: Participant) {
  return person.page.getByRole("dialog", { name: "Share this framework" });
}

test("the sole mediator cannot lock themselves out; their invite is marked and revoking asks first", async ({
  createFramework,
  join,
  request,
}) => {
  const id = await createFramework("Invites and the last mediator");
  const amira = await join("Amira Haddad");
  await amira.context.grantPermissions(["clipboard-read", "clipboard-write"]);
  // A named mediator invite: no name prompt, and the header shows the invite's name.
  await openNamed(amira, await inviteLink(request, id, { role: "mediator", name: "Amira Haddad" }));
  await expect(amira.page.locator(".me-name")).toHaveText("Amira Haddad");

  await amira.page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = shareDialog(amira);
  const invites = dialog.getByRole("list", { name: "Invites" });
  const own = invites.locator("li[data-own]");
  await expect(own).toHaveCount(1);
  await expect(own).toContainText("Amira Haddad (you)");

  // Another mediator invite (the framework creator's) is still active: revoking it asks first.
  const other = invites.locator('li[data-status="active"]:not([data-own])');
  await expect(other).toHaveCount(1);
  await other.getByRole("button", { name: /^Revoke / }).click();
  await expect(other).toContainText("Its holders lose access at once");
  await other.getByRole("button", { name: "Keep" }).click();
  await expect(other).toHaveAttribute("data-status", "active");
  await other.getByRole("button", { name: /^Revoke / }).click();
  await other.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(invites.locator('li[data-status="revoked"]')).toHaveCount(1);

  // Now Amira's is the last mediator invite: no revoke is offered, and the row says why.
  await expect(own.getByRole("button", { name: /^Revoke / })).toHaveCount(0);
  await expect(own).toContainText("revoking it would leave nobody able to manage access");

  // Each active invite's link can be copied again, and the copied link works.
  await dialog.getByLabel("Role").selectOption("commenter");
  await dialog.getByLabel("Name (optional)").fill("Cora Commenter");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  await expect(dialog.getByLabel("Invite link")).toHaveValue(/token=/);
  await dialog
    .getByRole("button", { name: "Copy link of Commenter invite for Cora Commenter" })
    .click();
  await expect(
    dialog.getByRole("button", { name: "Copy link of Commenter invite for Cora Commenter" }),
  ).toHaveText("Link copied");
  const copied = await amira.page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`/f/${id}?token=`);
  const cora = await join("Someone else");
  await openNamed(cora, copied);
  await expect(cora.page.locator(".role-badge")).toHaveText("Commenter");
  await expect(cora.page.locator(".me-name")).toHaveText("Cora Commenter");
});

test("a commenter's caret is seen by the others, in the one colour everyone sees for them", async ({
  createFramework,
  join,
  request,
}) => {
  const id = await createFramework("Carets and colours");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  // Cora has used Parley on this device as "Cora"; her invite fixes "Cora Okafor", the one name
  // shown for her everywhere in this framework, her own screen included.
  const cora = await join("Cora");
  await cora.visit("/");
  await openNamed(cora, await inviteLink(request, id, { role: "commenter", name: "Cora Okafor" }));
  await expect(cora.editor).toHaveAttribute("contenteditable", "false");
  await expect(cora.presence.locator(".presence-entry", { hasText: "you" })).toContainText(
    "Cora Okafor",
  );
  await expect(cora.page.locator(".me-name")).toHaveText("Cora Okafor");

  // Cora clicks into the text, as a reader does before commenting: Amira sees her caret.
  await cora.editor.locator("p").first().click();
  const caret = amira.editor.locator('.collaboration-carets__caret[data-user="Cora Okafor"]');
  await expect(caret).toBeVisible();

  // The caret, Amira's people list and Cora's own people list show Cora in one colour.
  const colourOfCaret = await caret.evaluate((el) => getComputedStyle(el).borderLeftColor);
  const avatarColour = (person: Participant, name: string) =>
    person.presence
      .locator(".presence-entry", { hasText: name })
      .locator(".avatar")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await avatarColour(amira, "Cora Okafor")).toBe(colourOfCaret);
  expect(await avatarColour(cora, "Cora Okafor")).toBe(colourOfCaret);
  // Someone joining does not change anyone's colour.
  const amiraBefore = await avatarColour(cora, "Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await kofi.open(id);
  await expect(cora.presence).toContainText("Kofi Mensah");
  expect(await avatarColour(cora, "Amira Haddad")).toBe(amiraBefore);
  expect(await avatarColour(cora, "Cora Okafor")).toBe(colourOfCaret);
  expect(await avatarColour(kofi, "Cora Okafor")).toBe(colourOfCaret);

  // None of this normal use is logged as a refusal.
  const refused = (await auditRows(request, id)).filter((row) => row.action === "refused");
  expect(refused).toEqual([]);
});

test("after a revocation the revoked page ends cleanly: no stack overflow, no stale people, no endless loading", async ({
  createFramework,
  join,
  request,
}) => {
  const id = await createFramework("Revocation");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const bola = await join("Bola");
  const errors = collectErrors(bola.page);
  await openNamed(
    bola,
    await inviteLink(request, id, { role: "commenter", party: "p-south", name: "Bola Ade" }),
  );
  const notes = bola.page.getByLabel("Private notes of p-south");
  await expect(notes).toHaveAttribute("contenteditable", "true");
  await expect(bola.presence).toContainText("Amira Haddad");
  await expect(amira.presence).toContainText("Bola Ade");

  await amira.page.getByRole("button", { name: "Share", exact: true }).click();
  const row = shareDialog(amira).locator("li", { hasText: "Bola Ade" });
  await row.getByRole("button", { name: "Revoke Commenter invite for Bola Ade" }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toHaveAttribute("data-status", "revoked");

  await expect(bola.page.getByRole("alert")).toContainText(
    "Your access to this framework has ended",
  );
  await expect(bola.page.locator(".private-notes")).toContainText("Your access has ended");
  await expect(bola.page.getByText("Loading notes…")).toHaveCount(0);
  await expect(bola.presence).not.toContainText("Amira Haddad");
  await expect(bola.page.locator(".presence")).toContainText("Not connected");
  await expect(amira.presence).not.toContainText("Bola Ade");
  expect(errors.filter((e) => /Maximum call stack/.test(e))).toEqual([]);
});

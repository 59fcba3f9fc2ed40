/**
 * Access control in the browser: a mediator makes an observer link in the share dialog;
 * the observer's editor is read-only, and an edit forced through the page's Yjs doc (the
 * documented `window.parleyTest` hook) changes nothing for the mediator: the server drops it.
 */
import { expect, test } from "./support/fixtures.js";

/** The structural bits of the test hook the forced edit uses (no Yjs import in the page). */
interface ForcedEditDoc {
  getXmlFragment(name: string): {
    get(index: number): { get(index: number): { insert(at: number, text: string): void } };
  };
}

test("an observer's editor is read-only and a forced edit never reaches the mediator", async ({
  createFramework,
  join,
}) => {
  const id = await createFramework("Access in the browser");
  const amira = await join("Amira Haddad");
  await amira.open(id);

  // The mediator makes an observer link in the share dialog.
  await amira.page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = amira.page.getByRole("dialog", { name: "Share this framework" });
  await dialog.getByLabel("Role").selectOption("observer");
  await dialog.getByLabel("Name (optional)").fill("Olu Observer");
  await dialog.getByRole("button", { name: "Create invite link" }).click();
  const link = await dialog.getByLabel("Invite link").inputValue();
  expect(link).toContain(`/f/${id}?token=`);
  await expect(dialog.getByRole("list", { name: "Invites" })).toContainText("Olu Observer");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The observer follows the link: the token leaves the address bar, the text is read-only.
  const olu = await join("Olu");
  await olu.visit(link);
  await expect(olu.connection).toHaveAttribute("data-connection", "connected");
  await expect(olu.page).toHaveURL(new RegExp(`/f/${id}$`));
  await expect(olu.page.locator(".role-badge")).toHaveText("Observer");
  await expect(olu.editor).toHaveAttribute("contenteditable", "false");
  await expect.poll(() => olu.text()).toContain("Access in the browser");

  // A forced edit through the page's own Y.Doc: applied locally, dropped by the server.
  await olu.page.evaluate(() => {
    const handle = (window as unknown as { parleyTest?: { doc: ForcedEditDoc } }).parleyTest;
    if (!handle) throw new Error("window.parleyTest is missing");
    handle.doc.getXmlFragment("default").get(0).get(0).insert(0, "FORCED-BY-OBSERVER ");
  });
  await expect.poll(() => olu.text()).toContain("FORCED-BY-OBSERVER");

  // The mediator keeps typing; the observer receives it, the mediator never gets the forced edit.
  await amira.focusEndOfLastParagraph();
  await amira.page.keyboard.type("Mediator after the forced edit.");
  await expect.poll(() => olu.text()).toContain("Mediator after the forced edit.");
  expect(await amira.text()).not.toContain("FORCED-BY-OBSERVER");

  // A fresh mediator page (from the server's state) does not have it either.
  const kofi = await join("Kofi Mensah");
  await kofi.open(id);
  await expect.poll(() => kofi.text()).toContain("Mediator after the forced edit.");
  expect(await kofi.text()).not.toContain("FORCED-BY-OBSERVER");

  // The audit log shows the refused update.
  await amira.page.getByRole("button", { name: "Audit log" }).click();
  const audit = amira.page.getByRole("dialog", { name: "Audit log" });
  await expect(
    audit
      .locator('tr[data-action="refused"]', {
        hasText: "observer cannot change the framework text",
      })
      .first(),
  ).toContainText("Olu Observer (Observer)");
  await audit.getByRole("button", { name: "Close" }).click();

  // Revoking the link ends the observer's session at once.
  await amira.page.getByRole("button", { name: "Share", exact: true }).click();
  await dialog.getByRole("button", { name: "Revoke Observer invite for Olu Observer" }).click();
  await dialog.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(olu.page.getByRole("alert")).toContainText(
    "Your access to this framework has ended",
  );
});

/** An invite token minted with the e2e server's admin token. */
async function invite(
  request: import("@playwright/test").APIRequestContext,
  frameworkId: string,
  body: { role: string; party?: string; name?: string },
): Promise<string> {
  const response = await request.post(
    `${process.env.PARLEY_E2E_URL}/api/frameworks/${frameworkId}/invites`,
    { headers: { authorization: `Bearer ${process.env.PARLEY_E2E_ADMIN_TOKEN}` }, data: body },
  );
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

test("a delegation's private notes are shared by its members and not shown to others", async ({
  createFramework,
  join,
  request,
}) => {
  const id = await createFramework("Private notes");
  const amal = await join("Amal");
  const nour = await join("Nour");
  const bola = await join("Bola");
  const notes = (name: string) => `Private notes of ${name}`;
  await amal.visit(
    `/f/${id}?token=${await invite(request, id, { role: "commenter", party: "p-north", name: "Amal" })}`,
  );
  await nour.visit(
    `/f/${id}?token=${await invite(request, id, { role: "commenter", party: "p-north", name: "Nour" })}`,
  );
  await bola.visit(
    `/f/${id}?token=${await invite(request, id, { role: "commenter", party: "p-south", name: "Bola" })}`,
  );
  for (const person of [amal, nour, bola]) {
    await expect(person.connection).toHaveAttribute("data-connection", "connected");
    await expect(person.editor).toHaveAttribute("contenteditable", "false");
  }

  const amalNotes = amal.page.getByLabel(notes("p-north"));
  await expect(amalNotes).toHaveAttribute("contenteditable", "true");
  await amalNotes.click();
  await amal.page.keyboard.type("Our fallback: phase two may slip by a month.");
  await expect(nour.page.getByLabel(notes("p-north"))).toContainText("phase two may slip");
  await expect(bola.page.getByLabel(notes("p-south"))).toBeVisible();
  await expect(bola.page.getByLabel(notes("p-north"))).toHaveCount(0);
  await expect(bola.page.getByText("phase two may slip")).toHaveCount(0);
});

test("a revoked or foreign link shows a clear page", async ({ createFramework, join }) => {
  const id = await createFramework("Link pages");
  const amira = await join("Amira Haddad");
  await amira.visit(`/f/${id}?token=not-a-real-token`);
  await expect(amira.page.getByRole("heading", { name: "This link is not valid" })).toBeVisible();
});

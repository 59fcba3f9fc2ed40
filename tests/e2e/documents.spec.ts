/** The document list: create, open, search, rename, delete; and the not-found page. */
import { FIRST_SECTION_HEADING } from "@parley/shared/document/initialContent";
import { expect, test } from "./support/fixtures.js";

test("create, rename and delete a framework from the document list", async ({ join }) => {
  const amira = await join("Amira Haddad");
  const { page } = amira;
  await amira.visit("/");
  await expect(page.getByRole("heading", { name: "Frameworks", level: 1 })).toBeVisible();

  // create: straight into the editor, with the server's skeleton (title heading + first section)
  const title = `Security assurances ${test.info().workerIndex}-${Date.now()}`;
  await page.getByLabel("New framework").fill(title);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page).toHaveURL(/\/f\/[A-Za-z0-9_-]{6,64}$/);
  await amira.waitUntilLive();
  await expect.poll(() => amira.blocks()).toEqual([title, FIRST_SECTION_HEADING, ""]);
  await expect(page.getByRole("navigation", { name: "Outline" })).toContainText(title);

  // back to the list: it is there, and search finds it
  await page.getByRole("link", { name: "All frameworks", exact: true }).click();
  const list = page.getByRole("list", { name: "Frameworks" });
  await expect(list.getByRole("link", { name: new RegExp(title) })).toBeVisible();
  await page.getByLabel("Search frameworks by title").fill("no such words anywhere");
  await expect(page.getByText("No framework title matches")).toBeVisible();
  await page.getByLabel("Search frameworks by title").fill(title.toUpperCase());
  await expect(list.getByRole("listitem")).toHaveCount(1);

  // rename
  const renamed = `${title} (rev. 2)`;
  await page.getByRole("button", { name: `Rename ${title}` }).click();
  await page.getByLabel(`New title for ${title}`).fill(renamed);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(
    list.getByRole("link", { name: new RegExp(renamed.replace(/[()]/g, "\\$&")) }),
  ).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("link", { name: new RegExp(renamed.replace(/[()]/g, "\\$&")) }),
  ).toBeVisible();

  // delete, with confirmation (cancel first: nothing happens)
  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete this framework?" });
  await expect(dialog).toContainText(renamed);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: `Delete ${renamed}` })).toBeVisible();

  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  await dialog.getByRole("button", { name: "Delete framework" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: `Delete ${renamed}` })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Frameworks", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(title) })).toHaveCount(0);
});

test("someone with the framework open sees it was deleted", async ({ createFramework, join }) => {
  const id = await createFramework("Deleted while open");
  const kofi = await join("Kofi Mensah");
  await kofi.open(id);
  const amira = await join("Amira Haddad");
  // The list shows the frameworks this browser holds a token for: Amira opens it first.
  await amira.open(id);
  await amira.visit("/");
  await amira.page.getByRole("button", { name: "Delete Deleted while open" }).first().click();
  await amira.page.getByRole("button", { name: "Delete framework" }).click();
  await expect(
    kofi.page.getByRole("heading", { name: "This framework was deleted" }),
  ).toBeVisible();
});

test("an unknown framework link shows a clear page", async ({ join }) => {
  const amira = await join("Amira Haddad");
  // Without a token the server does not say whether a framework exists.
  await amira.visit("/f/doesNotExist123");
  await expect(amira.page.getByRole("heading", { name: "You need an invite link" })).toBeVisible();
  await amira.page.getByRole("link", { name: "Go to your frameworks" }).click();
  await expect(amira.page.getByRole("heading", { name: "Frameworks", level: 1 })).toBeVisible();

  await amira.visit("/no/such/page");
  await expect(amira.page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a framework whose code does not arrive says so, and Reload opens it once it does", async ({
  join,
  createFramework,
}) => {
  const amira = await join("Amira Haddad");
  const id = await createFramework("Code that does not arrive");
  const editorCode = /\/assets\/EditorPage-[^/]*\.js$/;
  await amira.page.route(editorCode, (route) => route.abort());
  const link = await amira.inviteAsMediator(id);
  await amira.visit(`/f/${id}?token=${encodeURIComponent(link)}`);
  const notice = amira.page.getByRole("alert");
  await expect(
    notice.getByRole("heading", { name: "Parley could not load this page" }),
  ).toBeVisible();
  await amira.page.unroute(editorCode);
  await notice.getByRole("button", { name: "Reload" }).click();
  await amira.waitUntilLive();
  await expect(amira.page.getByRole("alert")).toHaveCount(0);
});

test("the name asked on the first visit is kept on this device", async ({ join }) => {
  const lena = await join("Lena Vogel");
  await lena.visit("/");
  await expect(lena.page.getByRole("button", { name: /Lena Vogel/ })).toBeVisible();
  await lena.page.reload();
  await expect(lena.page.getByRole("dialog", { name: "Welcome to Parley" })).toHaveCount(0);
  await expect(lena.page.getByRole("button", { name: /Lena Vogel/ })).toBeVisible();
});

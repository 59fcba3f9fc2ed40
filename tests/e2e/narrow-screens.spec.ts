/**
 * Rough edges of the workspace: a phone-sized window (390 px) folds the document bar
 * into a menu with nothing overlapping and no sideways scroll, and people can still read, comment
 * and record stances there; commenting low in a long text keeps the comment box in view, from a
 * toolbar at the selection that offers only what the role allows. Layout is checked through
 * element boxes (`boundingBox()`) and `scrollWidth`, never through pixels. (The README's phone
 * screenshot is written by screenshot.spec.ts.)
 */
import type { Locator, Page } from "@playwright/test";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const PHONE = { width: 390, height: 844 };
const LOW_TEXT = "taken simultaneously by both Parties";

interface Box {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function boxOf(name: string, locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${name} has no box (not visible)`);
  return { name, ...box };
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every box lies inside the window's width, and no two of them overlap. */
function expectLaidOut(boxes: Box[], width: number): void {
  for (const box of boxes) {
    expect(box.x, `${box.name} starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${box.name} ends inside the window`).toBeLessThanOrEqual(width);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      expect(overlap(a, b), `${a.name} and ${b.name} overlap`).toBe(false);
    }
  }
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, "the page is no wider than the window").toBeLessThanOrEqual(clientWidth);
}

/** Whether the box is inside the window (vertically and horizontally). */
async function inWindow(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  if (!box || !size) return false;
  return (
    box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width
  );
}

function docBar(person: Participant): Locator {
  return person.page.locator(".doc-bar");
}

async function invite(
  person: Participant,
  frameworkId: string,
  data: { role: string; party?: string; name?: string },
): Promise<string> {
  const adminToken = process.env.PARLEY_E2E_ADMIN_TOKEN;
  const serverUrl = process.env.PARLEY_E2E_URL;
  const response = await person.page.request.post(
    `${serverUrl}/api/frameworks/${frameworkId}/invites`,
    { headers: { authorization: `Bearer ${adminToken}` }, data },
  );
  expect(response.status()).toBe(201);
  return String(((await response.json()) as { token: string }).token);
}

test("at 390 px the header folds into a menu, nothing overlaps, nothing scrolls sideways, and people read, comment and record stances", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(
    request,
    serverUrl,
    "Framework on Sequencing, Verification and the Guarantees of Implementation",
  );
  const amira = await join("Amira Haddad");
  await amira.page.setViewportSize(PHONE);
  await amira.open(id);
  const { page } = amira;
  await expect(amira.editor).toContainText(LOW_TEXT);
  await expectNoSidewaysScroll(page);

  // The bar: title, views, connection, people and Menu, each inside the window, none on another.
  const bar = docBar(amira);
  const menu = bar.getByRole("button", { name: "Menu" });
  await expect(menu).toBeVisible();
  await expect(bar.getByRole("button", { name: /^Export/ })).toBeHidden();
  const parts = [
    await boxOf("title", bar.getByRole("heading", { level: 1 })),
    await boxOf("rename", bar.getByRole("button", { name: "Rename the framework" })),
    await boxOf("views", bar.getByRole("navigation", { name: "Views" })),
    await boxOf("connection", amira.connection),
    await boxOf("menu", menu),
  ];
  expectLaidOut(parts, PHONE.width);
  // The title keeps room to be read.
  expect(parts[0]!.width).toBeGreaterThan(PHONE.width / 3);

  // The menu opens under its button, inside the window, over nothing else of the bar.
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const exportButton = bar.getByRole("button", { name: /^Export/ });
  await expect(exportButton).toBeVisible();
  const items = await boxOf("menu items", bar.locator(".header-menu-items"));
  expectLaidOut([items], PHONE.width);
  expectLaidOut([items, await boxOf("menu", menu)], PHONE.width);
  await page.keyboard.press("Escape");
  await expect(exportButton).toBeHidden();

  // Reading: the text uses the width it has (no wasted margins around a narrow column).
  const paper = await boxOf("paper", page.locator("article.paper"));
  expect(paper.width).toBeGreaterThan(PHONE.width * 0.9);
  await expectNoSidewaysScroll(page);

  // The connection state stays in view while the text scrolls.
  await page.locator("article.paper").getByText(LOW_TEXT).scrollIntoViewIfNeeded();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  expect(await inWindow(page, amira.connection)).toBe(true);

  // Commenting: the selection's toolbar offers Comment; the box opens in view.
  await amira.selectText(LOW_TEXT);
  const selectionBar = page.getByRole("toolbar", { name: "Selection" });
  await selectionBar.getByRole("button", { name: "Comment" }).click();
  const composer = page.getByRole("form", { name: "New comment" });
  const field = composer.getByRole("textbox", { name: "Comment" });
  await expect(field).toBeFocused();
  expect(await inWindow(page, composer)).toBe(true);
  await field.fill("Sixty days is too short for the verifying body.");
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();
  await expectNoSidewaysScroll(page);

  // Recording a stance: the chip opens its dialog inside the window.
  const chip = page.getByRole("button", { name: /^Stance of SP on Art\. 6\.1:/ });
  await chip.scrollIntoViewIfNeeded();
  await chip.click();
  const dialog = page.getByRole("dialog", { name: "SP's stance on Art. 6.1" });
  expectLaidOut([await boxOf("stance dialog", dialog)], PHONE.width);
  await dialog.getByRole("radio", { name: "Accepts", exact: true }).check();
  await dialog.getByRole("button", { name: "Save stance" }).click();
  await expect(dialog).toBeHidden();
  await expect(chip).toHaveAccessibleName(/^Stance of SP on Art\. 6\.1: Accepts/);
  await expectNoSidewaysScroll(page);

  // The stance matrix scrolls inside its own box, not the page.
  await page.getByRole("tab", { name: "Stance matrix" }).click();
  await expect(page.getByRole("region", { name: "Stance matrix" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.getByRole("tab", { name: "Text" }).click();
});

test("at 1024 px the title and the actions do not overlap, and the actions fold into the menu", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(
    request,
    serverUrl,
    "Framework on Sequencing, Verification and the Guarantees of Implementation",
  );
  const kofi = await join("Kofi Mensah");
  await kofi.page.setViewportSize({ width: 1024, height: 768 });
  await kofi.open(id);
  const bar = docBar(kofi);
  const title = bar.getByRole("heading", { level: 1 });
  const parts = [
    await boxOf("title", title),
    await boxOf("views", bar.getByRole("navigation", { name: "Views" })),
    await boxOf("connection", kofi.connection),
    await boxOf("menu", bar.getByRole("button", { name: "Menu" })),
  ];
  expectLaidOut(parts, 1024);
  // The whole title is shown, not cut short (it may take two lines).
  expect(
    await title.evaluate(
      (el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight,
    ),
  ).toBe(true);
  await expectNoSidewaysScroll(kofi.page);
  // Party names are read whole: no word of them is cut or hidden.
  const names = kofi.page.getByRole("complementary").locator(".party-name");
  await expect(names).toHaveCount(3);
  for (const name of await names.all()) {
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const words = await name.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      // One rectangle per line; a word cut in two would make a line of a word's part.
      return {
        lines: range.getClientRects().length,
        words: (el.textContent ?? "").split(/\s+/).length,
      };
    });
    expect(words.lines).toBeLessThanOrEqual(words.words);
  }
});

test("commenting on a selection low in a long text keeps the page where it is and the comment box in view; a commenter is offered only Comment", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Long framework");
  const amira = await join("Amira Haddad");
  const lena = await join("Lena Ortiz");
  await amira.page.setViewportSize({ width: 1280, height: 700 });
  await amira.open(id);
  const { page } = amira;
  const low = page.locator("article.paper").getByText(LOW_TEXT);
  // The words are far below the first screen: the page must scroll to reach them.
  const startTop = await low.evaluate((el) => el.getBoundingClientRect().top);
  expect(startTop).toBeGreaterThan(700);

  await low.scrollIntoViewIfNeeded();
  await amira.selectText(LOW_TEXT);
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(0);

  // The toolbar at the selection: a drafter (here the mediator) may comment and bracket (the words
  // are in a term already, so Make term is not offered).
  const selectionBar = page.getByRole("toolbar", { name: "Selection" });
  await expect(selectionBar.getByRole("button")).toHaveText(["Comment", "Bracket"]);
  expect(await inWindow(page, selectionBar)).toBe(true);
  await selectionBar.getByRole("button", { name: "Comment" }).click();
  await expect(selectionBar).toBeHidden();

  const composer = page.getByRole("form", { name: "New comment" });
  const field = composer.getByRole("textbox", { name: "Comment" });
  await expect(field).toBeFocused();
  // Not thrown back to the top: the selected words and the box are both in view.
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled / 2);
  expect(await inWindow(page, composer)).toBe(true);
  expect(await inWindow(page, low)).toBe(true);
  await field.fill("Sixty days from entry into force, or from signature?");
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();
  await expect(
    page.getByRole("complementary", { name: "Comments" }).getByText("Sixty days from entry"),
  ).toBeVisible();

  // A commenter's selection toolbar offers Comment only.
  const token = await invite(lena, id, { role: "commenter", party: "party-a", name: "Lena Ortiz" });
  await lena.visit(`/f/${id}?token=${encodeURIComponent(token)}`);
  await expect(lena.connection).toHaveAttribute("data-connection", "connected");
  await expect(lena.editor).toHaveAttribute("contenteditable", "false");
  await lena.selectText("until everything is agreed", "all", false);
  const lenaBar = lena.page.getByRole("toolbar", { name: "Selection" });
  await expect(lenaBar.getByRole("button")).toHaveText(["Comment"]);
  // Nor is she shown the text's editing commands, which the server would refuse.
  await expect(lena.page.getByRole("button", { name: "Insert term" })).toHaveCount(0);
  await expect(amira.page.getByRole("button", { name: "Insert term" })).toBeVisible();
});

test("renaming from the document bar: the bar, the heading of the text and the outline follow", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Old title");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const { page } = amira;
  const bar = docBar(amira);
  await bar.getByRole("button", { name: "Rename the framework" }).click();
  const field = bar.getByRole("textbox", { name: "Framework title" });
  await field.fill("Framework on Sequencing, renamed");
  await bar.getByRole("button", { name: "Save" }).click();
  await expect(bar.getByRole("heading", { level: 1 })).toHaveText(
    "Framework on Sequencing, renamed",
  );
  await expect(amira.editor.locator("h1")).toHaveText("Framework on Sequencing, renamed");
  await expect(page.getByRole("navigation", { name: "Outline" })).toContainText(
    "Framework on Sequencing, renamed",
  );
  // The server has the new title too (the list and exports read it).
  const response = await page.request.get(`${serverUrl}/api/frameworks/${id}`, {
    headers: { authorization: `Bearer ${await amira.inviteAsMediator(id)}` },
  });
  expect(((await response.json()) as { title: string }).title).toBe(
    "Framework on Sequencing, renamed",
  );
});

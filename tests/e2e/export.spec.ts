/**
 * The export dialog: a mediator exports Markdown and DOCX of a template framework with a
 * non-ASCII title (file names from the title, the Markdown's content checked); Mod+Shift+E opens
 * the dialog, a running export shows its progress and Cancel aborts it, Tab stays inside and Esc
 * closes; an observer exports too (the observer's own token), as a non-paper.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Locator, Page, Route } from "@playwright/test";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const SCREENSHOT = fileURLToPath(new URL("./.artifacts/export-dialog.png", import.meta.url));

const RUNNING_SCREENSHOT = fileURLToPath(
  new URL("./.artifacts/export-dialog-running.png", import.meta.url),
);
const BAR_SCREENSHOT = fileURLToPath(new URL("./.artifacts/export-doc-bar.png", import.meta.url));

const TITLE = "Tehran–Washington «verification» ✓";

/** An observer invite token, minted with the e2e server's admin token. */
async function observerToken(
  request: APIRequestContext,
  serverUrl: string,
  frameworkId: string,
): Promise<string> {
  const adminToken = process.env.PARLEY_E2E_ADMIN_TOKEN;
  if (!adminToken) throw new Error("run the e2e suite with `pnpm test:e2e`");
  const response = await request.post(`${serverUrl}/api/frameworks/${frameworkId}/invites`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { role: "observer", name: "Olu Observer" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { token?: unknown };
  return String(body.token);
}

function exportDialog(page: Page): Locator {
  return page.getByRole("dialog", { name: "Export the framework" });
}

/** Clicks the dialog's Export button and returns the download's file name and content. */
async function exportAndDownload(
  person: Participant,
  formatName: string,
): Promise<{ name: string; content: Buffer }> {
  const dialog = exportDialog(person.page);
  const downloading = person.page.waitForEvent("download");
  await dialog.getByRole("button", { name: `Export ${formatName}` }).click();
  const download = await downloading;
  const path = await download.path();
  await expect(dialog.getByRole("status")).toContainText(`Saved “${download.suggestedFilename()}”`);
  return { name: download.suggestedFilename(), content: await readFile(path) };
}

test("a mediator exports Markdown and DOCX named after the title", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, TITLE);
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const firstSection = (await amira.editor.locator("h2").first().textContent())?.trim() ?? "";
  expect(firstSection.length).toBeGreaterThan(0);

  await amira.page.locator(".doc-bar").screenshot({ path: BAR_SCREENSHOT });
  await amira.page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = exportDialog(amira.page);
  await expect(dialog).toBeVisible();

  // The defaults of the spec.
  await expect(dialog.getByRole("radio", { name: /^DOCX/ })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: "With brackets and options" })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: /^Include comments/ })).not.toBeChecked();
  await expect(
    dialog.getByRole("checkbox", {
      name: "Include annexes (sequencing, verification, guarantees)",
    }),
  ).toBeChecked();
  await expect(
    dialog.getByRole("checkbox", { name: "Non-paper: no party attribution or names" }),
  ).not.toBeChecked();
  await dialog.screenshot({ path: SCREENSHOT });

  // Markdown: named after the title, with the title and the first section heading in it.
  await dialog.getByRole("radio", { name: /^Markdown/ }).check();
  const markdown = await exportAndDownload(amira, "Markdown");
  expect(markdown.name).toBe(`${TITLE}.md`);
  const text = markdown.content.toString("utf8");
  expect(text).toContain(`# ${TITLE}`);
  expect(text).toContain(firstSection);
  expect(text).toContain("Working draft");

  // DOCX in turn: a Word file (a ZIP) under the same name.
  await dialog.getByRole("radio", { name: /^DOCX/ }).check();
  const docx = await exportAndDownload(amira, "DOCX");
  expect(docx.name).toBe(`${TITLE}.docx`);
  expect(docx.content.subarray(0, 2).toString("latin1")).toBe("PK");
});

test("Mod+Shift+E opens the dialog; a running export shows progress and Cancel aborts it", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Cancelled export");
  const kofi = await join("Kofi Mensah");
  await kofi.open(id);
  await kofi.focusEndOfLastParagraph();
  await kofi.page.keyboard.press("ControlOrMeta+Shift+E");
  const dialog = exportDialog(kofi.page);
  await expect(dialog).toBeVisible();
  // Focus starts on the chosen format and Tab stays in the dialog.
  const docxRadio = dialog.getByRole("radio", { name: /^DOCX/ });
  await expect(docxRadio).toBeFocused();
  await kofi.page.keyboard.press("Shift+Tab");
  await expect(dialog.getByRole("button", { name: "Export DOCX" })).toBeFocused();
  await kofi.page.keyboard.press("Tab");
  await expect(docxRadio).toBeFocused();

  // The export request is held at the network layer until the page gives up on it.
  let held: (route: Route) => void = () => {};
  const heldRoute = new Promise<Route>((resolve) => {
    held = resolve;
  });
  await kofi.page.route("**/api/frameworks/*/export?*", (route) => held(route));

  await dialog.getByRole("radio", { name: /^PDF/ }).check();
  await dialog.getByRole("button", { name: "Export PDF" }).click();
  const route = await heldRoute;
  expect(new URL(route.request().url()).searchParams.get("format")).toBe("pdf");
  expect(route.request().headers().authorization).toMatch(/^Bearer .+/);
  await expect(dialog.getByRole("status")).toContainText("Preparing PDF…");
  await expect(dialog.getByRole("progressbar", { name: "Export progress" })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Export PDF" })).toBeDisabled();
  await dialog.screenshot({ path: RUNNING_SCREENSHOT });

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Export cancelled.");
  await expect(dialog.getByRole("button", { name: "Export PDF" })).toBeEnabled();
  await route.abort().catch(() => undefined);

  // Esc closes the dialog and focus goes back to the Export button.
  await kofi.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(kofi.page.getByRole("button", { name: "Export", exact: true })).toBeFocused();
});

test("an observer exports a non-paper with their own token", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Observer export");
  const token = await observerToken(request, serverUrl, id);
  const olu = await join("Olu");
  await olu.visit(`/f/${id}?token=${encodeURIComponent(token)}`);
  await expect(olu.connection).toHaveAttribute("data-connection", "connected");

  await olu.page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = exportDialog(olu.page);
  await dialog.getByRole("radio", { name: /^Markdown/ }).check();
  await dialog.getByRole("radio", { name: /^Clean text/ }).check();
  await dialog.getByRole("checkbox", { name: "Non-paper: no party attribution or names" }).check();
  const markdown = await exportAndDownload(olu, "Markdown");
  expect(markdown.name).toBe("Observer export.md");
  const text = markdown.content.toString("utf8");
  expect(text).toContain("# Observer export");
  expect(text).toContain("Non-paper");
  expect(text).not.toContain("Working draft");
});

/** The toolbar, keyboard shortcuts and the outline, as one person uses them. */
import { expect, test } from "./support/fixtures.js";

test("format text, add a link and a table, and jump through the outline", async ({
  createFramework,
  join,
}) => {
  const id = await createFramework("Toolbar and outline");
  const amira = await join("Amira Haddad");
  await amira.open(id);
  const { page, editor } = amira;
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });

  // bold from the toolbar, italic from the keyboard
  await amira.focusEndOfLastParagraph();
  await page.keyboard.type("Verification precedes relief");
  await page.keyboard.press("Shift+Home");
  await expect.poll(() => amira.selectedText()).toBe("Verification precedes relief");
  await toolbar.getByRole("button", { name: "Bold" }).click();
  await expect(editor.locator("strong")).toHaveText("Verification precedes relief");
  await expect(toolbar.getByRole("button", { name: "Bold" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await page.keyboard.press("ControlOrMeta+i");
  await expect(editor.locator("em")).toHaveText("Verification precedes relief");

  // the same line becomes a heading, and shows up in the outline
  await page.getByLabel("Text style").selectOption("h2");
  await expect(editor.locator("h2", { hasText: "Verification precedes relief" })).toBeVisible();
  const outline = page.getByRole("navigation", { name: "Outline" });
  await expect(outline.getByRole("button")).toHaveText([
    "Toolbar and outline",
    "1. General",
    "Verification precedes relief",
  ]);

  // a link: refused when it is not http(s)/mailto, accepted otherwise
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("See the report");
  await page.keyboard.press("Shift+Home");
  await expect.poll(() => amira.selectedText()).toBe("See the report");
  await page.keyboard.press("ControlOrMeta+k");
  const address = page.getByLabel("Link address");
  await address.fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Only http, https and mailto links are allowed.")).toBeVisible();
  await address.fill("iaea.org/reports");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(editor.locator('a[href="https://iaea.org/reports"]')).toHaveText("See the report");

  // a table, then a row and a column more, then gone again
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await toolbar.getByRole("button", { name: "Insert table" }).click();
  const table = editor.locator("table");
  await expect(table.locator("tr")).toHaveCount(3);
  await expect(table.locator("tr").first().locator("th")).toHaveCount(3);
  await toolbar.getByRole("button", { name: "Add row below" }).click();
  await expect(table.locator("tr")).toHaveCount(4);
  await toolbar.getByRole("button", { name: "Add column right" }).click();
  await expect(table.locator("tr").first().locator("th")).toHaveCount(4);
  await toolbar.getByRole("button", { name: "Delete column" }).click();
  await expect(table.locator("tr").first().locator("th")).toHaveCount(3);
  await toolbar.getByRole("button", { name: "Delete table" }).click();
  await expect(editor.locator("table")).toHaveCount(0);

  // the outline puts the cursor into the heading it names
  await outline.getByRole("button", { name: "1. General" }).click();
  await expect
    .poll(() =>
      editor.evaluate((element) => {
        const holder = element as HTMLElement & {
          editor?: { state: { selection: { $from: { parent: { textContent: string } } } } };
        };
        return holder.editor?.state.selection.$from.parent.textContent;
      }),
    )
    .toBe("1. General");

  // undo and redo from the toolbar (what one step holds depends on typing pauses, so the test
  // checks the round trip rather than a particular step)
  const before = await amira.blocks();
  const redo = toolbar.getByRole("button", { name: "Redo" });
  await expect(redo).toBeDisabled();
  await toolbar.getByRole("button", { name: "Undo my last edit" }).click();
  await expect(redo).toBeEnabled();
  await redo.click();
  await expect.poll(() => amira.blocks()).toEqual(before);
});

/**
 * The README's pictures: the editor with two people in it, written by the test run to
 * docs/screenshots/editor-two-people.png, and the phone layout, to docs/screenshots/phone.png.
 */
import { fileURLToPath } from "node:url";
import { createTemplateFramework, expect, test } from "./support/fixtures.js";

const target = fileURLToPath(
  new URL("../../docs/screenshots/editor-two-people.png", import.meta.url),
);

test("screenshot of the editor with two people in it", async ({ createFramework, join }) => {
  const id = await createFramework("Framework on Sequencing and Verification");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.open(id);
  await kofi.open(id);

  // Amira drafts with the keyboard (Markdown-style shortcuts of the editor).
  await amira.focusEndOfLastParagraph();
  const { keyboard } = amira.page;
  await keyboard.type(
    "The Parties agree that the steps below are taken in the order set out, each conditional on verification of the preceding step.",
  );
  await keyboard.press("Enter");
  await keyboard.type("1. ");
  await keyboard.type("Party A suspends enrichment above the agreed level.");
  await keyboard.press("Enter");
  await keyboard.type("The Agency verifies the suspension and reports to the Joint Commission.");
  await keyboard.press("Enter");
  await keyboard.type("Sanctions relief under Annex II takes effect on Implementation Day.");
  await keyboard.press("Enter");
  await keyboard.press("Enter");
  await keyboard.type("## ");
  await keyboard.type("2. Verification");
  await keyboard.press("Enter");
  await keyboard.type("> ");
  await keyboard.type("Nothing is agreed until everything is agreed.");
  await keyboard.press("Enter");
  await keyboard.press("Enter");
  await keyboard.type("The Joint Commission meets within ");

  // Kofi adds a step to the list while Amira writes.
  await expect.poll(() => kofi.text()).toContain("The Joint Commission meets within");
  await kofi.editor.getByText("Sanctions relief under Annex II").click();
  await kofi.page.keyboard.press("End");
  await kofi.page.keyboard.press("Enter");
  await kofi.page.keyboard.type("The Guarantors confirm each step in writing");
  await amira.page.keyboard.type("thirty days of signature.");

  await expect(amira.caretLabel("Kofi Mensah")).toBeVisible();
  await expect(amira.presence.getByRole("listitem")).toHaveCount(2);
  await expect.poll(() => amira.text()).toContain("The Guarantors confirm each step in writing");
  await expect(amira.page.getByRole("navigation", { name: "Outline" })).toContainText(
    "2. Verification",
  );

  await amira.page.screenshot({ path: target });
});

const phoneTarget = fileURLToPath(new URL("../../docs/screenshots/phone.png", import.meta.url));

test("screenshot of the phone layout", async ({ request, serverUrl, join }) => {
  const id = await createTemplateFramework(
    request,
    serverUrl,
    "Framework on Sequencing and Verification",
  );
  const amira = await join("Amira Haddad");
  await amira.page.setViewportSize({ width: 390, height: 844 });
  await amira.open(id);
  // A term with its status and every party's stance, under the folded document bar.
  const term = amira.page.locator(".term").nth(2);
  await term.evaluate((el) => el.scrollIntoView({ block: "start" }));
  await amira.page.evaluate(() => window.scrollBy(0, -140));
  await expect(amira.connection).toHaveAttribute("data-connection", "connected");
  await expect(amira.page.getByRole("button", { name: "Menu" })).toBeVisible();
  await amira.page.screenshot({ path: phoneTarget });
});

/**
 * Find and the inbox, with people in separate browser contexts: an @mention reaches the
 * mentioned person's inbox (unread marker, then read, and still read after a reload; a reply
 * reaches the thread's author), find in the framework (a term, a bracket option and a comment,
 * next and previous) and across frameworks on the home page, and the shortcuts (Ctrl+/ help,
 * Insert term, Make term, Bracket).
 */
import type { APIRequestContext, Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

interface Opened {
  id: string;
  mediatorPath: string;
  drafterPath: string;
}

async function createFramework(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
  template?: "phased-reciprocal",
): Promise<Opened> {
  const created = await request.post(`${serverUrl}/api/frameworks`, {
    data: template ? { title, template } : { title },
  });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { id: string; token: string };
  const invite = await request.post(`${serverUrl}/api/frameworks/${body.id}/invites`, {
    data: { role: "drafter", name: "Kofi Mensah" },
    headers: { authorization: `Bearer ${body.token}` },
  });
  expect(invite.status()).toBe(201);
  const drafter = new URL(((await invite.json()) as { url: string }).url);
  return {
    id: body.id,
    mediatorPath: `/f/${body.id}?token=${encodeURIComponent(body.token)}`,
    drafterPath: `${drafter.pathname}${drafter.search}`,
  };
}

async function enter(person: Participant, path: string): Promise<void> {
  await person.visit(path);
  await person.waitUntilLive();
}

function margin(person: Participant): Locator {
  return person.page.getByRole("complementary", { name: "Comments" });
}

function card(person: Participant, text: string): Locator {
  return margin(person).getByRole("article", { name: `Comment thread on “${text}”` });
}

async function comment(person: Participant, text: string, body: string): Promise<void> {
  await person.selectText(text);
  await person.page.keyboard.press("Control+Alt+m");
  const composer = margin(person).getByRole("form", { name: "New comment" });
  await composer.getByRole("textbox", { name: "Comment" }).fill(body);
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();
}

function inboxButton(person: Participant): Locator {
  return person.page.getByRole("button", { name: /^Inbox(, \d+ unread)?$/ });
}

test("an @mention reaches the mentioned person's inbox: unread, then read, also after a reload", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(request, serverUrl, "Inbox: mentions");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);
  await amira.focusEndOfLastParagraph();
  await amira.page.keyboard.type("The aquifer is shared by the riparian states.");
  await expect.poll(() => kofi.text()).toContain("riparian states.");
  await expect(inboxButton(kofi)).toHaveAccessibleName("Inbox");

  // Amira mentions Kofi through the suggestions.
  await amira.selectText("aquifer");
  await amira.page.keyboard.press("Control+Alt+m");
  const composer = margin(amira).getByRole("form", { name: "New comment" });
  const box = composer.getByRole("textbox", { name: "Comment" });
  await box.fill("Please check the hydrology, ");
  await box.press("End");
  await box.pressSequentially("@Kof");
  await composer.getByRole("option", { name: /Kofi Mensah/ }).click();
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();

  // Kofi sees the unread marker; Amira (who wrote it) does not.
  await expect(inboxButton(kofi)).toHaveAccessibleName("Inbox, 1 unread");
  await expect(inboxButton(kofi).locator(".inbox-badge")).toHaveText("1");
  await expect(inboxButton(amira)).toHaveAccessibleName("Inbox");

  // He opens the inbox and the mention: it is read, and the thread is focused in the margin.
  await inboxButton(kofi).click();
  const panel = kofi.page.getByRole("region", { name: "Mentions and replies" });
  const item = panel.getByRole("button", { name: /Amira Haddad mentioned you/ });
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("Please check the hydrology, @Kofi Mensah");
  await item.click();
  await expect(inboxButton(kofi)).toHaveAccessibleName("Inbox");
  await expect(card(kofi, "aquifer")).toHaveAttribute("data-focused", "true");

  // Kofi replies; Amira, who wrote the thread, gets the reply in her inbox.
  await card(kofi, "aquifer").getByRole("textbox", { name: "Reply" }).fill("On it.");
  await card(kofi, "aquifer").getByRole("button", { name: "Reply", exact: true }).click();
  await expect(inboxButton(amira)).toHaveAccessibleName("Inbox, 1 unread");
  await inboxButton(amira).click();
  await amira.page
    .getByRole("region", { name: "Mentions and replies" })
    .getByRole("button", { name: "Mark all read" })
    .click();
  await expect(inboxButton(amira)).toHaveAccessibleName("Inbox");

  // The read state is Kofi's own record in the discussion room: it survives a reload.
  await kofi.page.reload();
  await kofi.waitUntilLive();
  await expect(card(kofi, "aquifer")).toBeVisible();
  await expect(inboxButton(kofi)).toHaveAccessibleName("Inbox");
  await inboxButton(kofi).click();
  await expect(
    kofi.page
      .getByRole("region", { name: "Mentions and replies" })
      .getByRole("button", { name: /Amira Haddad mentioned you/ }),
  ).not.toHaveAttribute("data-unread");
});

test("find goes through a term, a bracket option and a comment; the home page searches the text", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(
    request,
    serverUrl,
    "Find: phased steps",
    "phased-reciprocal",
  );
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);
  await comment(kofi, "within 14 days", "What counts as a reported breach here?");
  await expect(card(amira, "within 14 days")).toBeVisible();

  await amira.selectText("Nothing in this framework", "start");
  await amira.page.keyboard.press("Control+f");
  const find = amira.page.getByRole("searchbox", { name: "Find in the framework" });
  await expect(find).toBeFocused();
  await find.fill("reported breach");
  const status = amira.page.locator(".find-status");
  await expect(status).toHaveText("– of 2 (1 in the text, 1 in comments)");
  const current = amira.editor.locator(".find-match.is-current");
  const currentText = () => current.allTextContents().then((parts) => parts.join(""));

  // Next: the term's text, highlighted; next: the comment, its thread focused.
  await find.press("Enter");
  await expect(status).toHaveText("1 of 2 (1 in the text, 1 in comments)");
  await expect.poll(currentText).toBe("reported breach");
  await find.press("Enter");
  await expect(status).toHaveText("2 of 2 (1 in the text, 1 in comments)");
  await expect(current).toHaveCount(0);
  await expect(card(amira, "within 14 days")).toHaveAttribute("data-focused", "true");
  await expect(amira.page.locator(".find-comment")).toContainText(
    "Comment by Kofi Mensah: What counts as a reported breach here?",
  );
  // Previous: back to the text.
  await amira.page.getByRole("button", { name: "Previous match" }).click();
  await expect(status).toHaveText("1 of 2 (1 in the text, 1 in comments)");
  await expect.poll(currentText).toBe("reported breach");

  // A word only in a bracket option.
  await find.fill("should");
  await find.press("Enter");
  await expect(status).toHaveText("1 of 1 (1 in the text, 0 in comments)");
  await expect.poll(currentText).toBe("should");
  await expect(current.first()).toBeInViewport();
  await find.press("Escape");
  await expect(find).toBeHidden();
  await expect(amira.editor.locator(".find-match")).toHaveCount(0);

  // The home page searches the text of the frameworks this browser holds tokens for.
  await kofi.visit("/");
  await kofi.page.getByLabel("Search frameworks by title and text").fill("Verification Commission");
  const found = kofi.page.getByRole("region", { name: "Found in the text" });
  await expect(found.getByRole("link", { name: "Find: phased steps" })).toBeVisible();
  await expect(found.locator("mark").first()).toHaveText("Verification Commission");
});

test("Ctrl+/ lists the shortcuts; Insert term, Make term and Bracket work from the keyboard", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(request, serverUrl, "Shortcuts");
  const amira = await join("Amira Haddad");
  await enter(amira, framework.mediatorPath);

  await amira.page.keyboard.press("Control+/");
  const help = amira.page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const [keys, action] of [
    ["Ctrl+Alt+N", "Insert a new term"],
    ["Ctrl+Alt+P", "Make the current paragraph a term"],
    ["Ctrl+Alt+[", "Put the selected words in brackets"],
    ["Ctrl+F", "Find in the text and the comments"],
  ]) {
    await expect(help.getByRole("row", { name: `${keys} ${action}` })).toBeVisible();
  }
  await amira.page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  await amira.focusEndOfLastParagraph();
  await amira.page.keyboard.type("Water is shared equitably.");
  const before = await amira.editor.locator(".term-body").count();
  await amira.selectText("Water is shared", "end");
  await amira.page.keyboard.press("Control+Alt+p");
  await expect(amira.editor.locator(".term-body")).toHaveCount(before + 1);
  await expect(amira.editor.locator(".term-body").last()).toContainText(
    "Water is shared equitably.",
  );
  await amira.page.keyboard.press("Control+Alt+n");
  await expect(amira.editor.locator(".term-body")).toHaveCount(before + 2);

  await amira.selectText("equitably");
  await amira.page.keyboard.press("Control+Alt+BracketLeft");
  await expect(amira.page.getByRole("form", { name: "Bracket the selection" })).toBeVisible();
});

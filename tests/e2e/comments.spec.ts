/**
 * Comments on terms, with two people in two browser contexts: anchoring while the other types in
 * and around the span, replies, resolve / reopen, proposed wording applied with one click, safe
 * rendering of bodies, and the margin screenshot (docs/screenshots/comments.png).
 */
import { fileURLToPath } from "node:url";
import type { APIRequestContext, Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import type { Participant } from "./support/participant.js";

const SCREENSHOT = fileURLToPath(new URL("../../docs/screenshots/comments.png", import.meta.url));

function margin(person: Participant): Locator {
  return person.page.getByRole("complementary", { name: "Comments" });
}

/** The card of the thread on `text` in the margin (aligned cards and lists alike). */
function card(person: Participant, text: string): Locator {
  return margin(person).getByRole("article", { name: `Comment thread on “${text}”` });
}

function highlight(person: Participant): Locator {
  return person.editor.locator(".comment-highlight");
}

/** The highlighted text (a highlight over differently formatted text is several elements). */
function highlightedText(person: Participant): Promise<string> {
  return highlight(person)
    .allTextContents()
    .then((parts) => parts.join(""));
}

async function comment(
  person: Participant,
  text: string,
  body: string,
  proposal?: string,
): Promise<void> {
  await person.selectText(text);
  await person.page.keyboard.press("Control+Alt+m");
  const composer = margin(person).getByRole("form", { name: "New comment" });
  await expect(composer).toBeVisible();
  await composer.getByRole("textbox", { name: "Comment" }).fill(body);
  if (proposal !== undefined) {
    await composer.getByRole("button", { name: "Propose wording…" }).click();
    await composer.getByRole("textbox", { name: /Proposed wording/ }).fill(proposal);
  }
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();
}

async function writeParagraph(person: Participant, text: string): Promise<void> {
  await person.focusEndOfLastParagraph();
  await person.page.keyboard.type(text);
}

interface Opened {
  id: string;
  /** Invite link paths (`/f/<id>?token=…`): the creator's (mediator) and a drafter's. */
  mediatorPath: string;
  drafterPath: string;
}

/** Creates a framework (blank or from the template) and a drafter invite for the second person. */
async function createFramework(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
  template?: "phased-reciprocal",
  drafterInvite: { party?: string; name?: string } = {},
): Promise<Opened> {
  const created = await request.post(`${serverUrl}/api/frameworks`, {
    data: template ? { title, template } : { title },
  });
  expect(created.status()).toBe(201);
  const body = (await created.json()) as { id?: unknown; token?: unknown };
  if (typeof body.id !== "string" || typeof body.token !== "string") {
    throw new Error(`unexpected response ${JSON.stringify(body)}`);
  }
  const invite = await request.post(`${serverUrl}/api/frameworks/${body.id}/invites`, {
    data: { role: "drafter", ...drafterInvite },
    headers: { authorization: `Bearer ${body.token}` },
  });
  expect(invite.status()).toBe(201);
  const { url } = (await invite.json()) as { url: string };
  const drafter = new URL(url);
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

test("a thread stays on its words while the other person types in and around them; reply, resolve, reopen", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(request, serverUrl, "Comments: anchoring");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);
  await writeParagraph(amira, "The Parties shall lift the measures within thirty days.");
  await expect.poll(() => kofi.text()).toContain("within thirty days.");

  // Amira opens the composer on "lift the measures"…
  await amira.selectText("lift the measures");
  await amira.page.keyboard.press("Control+Alt+m");
  const composer = margin(amira).getByRole("form", { name: "New comment" });
  await expect(composer).toBeVisible();
  await expect(amira.editor.locator(".comment-pending")).toHaveText("lift the measures");

  // …while Kofi types before, inside, right at both edges of, and after the span.
  await kofi.selectText("Parties", "end");
  await kofi.page.keyboard.type(" jointly");
  await kofi.selectText("lift", "end");
  await kofi.page.keyboard.type(" all");
  await kofi.selectText("lift all", "start");
  await kofi.page.keyboard.type("then ");
  await kofi.selectText("the measures", "end");
  await kofi.page.keyboard.type(" listed in Annex II");
  await expect(amira.editor.locator(".comment-pending")).toHaveText("lift all the measures");

  await composer
    .getByRole("textbox", { name: "Comment" })
    .fill("Which measures exactly?\nAll of them?");
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();

  // Kofi keeps typing inside the anchor after it was written.
  await kofi.selectText("lift all the", "end");
  await kofi.page.keyboard.type(" restrictive");
  const anchored = "lift all the restrictive measures";
  for (const person of [amira, kofi]) {
    await expect.poll(() => highlightedText(person)).toBe(anchored);
    await expect(card(person, anchored)).toBeVisible();
    await expect(card(person, anchored).locator(".comment-body")).toHaveText(
      "Which measures exactly?All of them?",
    );
    await expect(card(person, anchored).locator(".comment-body br")).toHaveCount(1);
  }
  expect(await amira.text()).toContain(
    "The Parties jointly shall then lift all the restrictive measures listed in Annex II within thirty days.",
  );
  // The card sits beside its text, and follows it when Amira adds paragraphs above it.
  const cardOffset = async (person: Participant): Promise<number> => {
    const cardBox = await card(person, anchored).boundingBox();
    const textBox = await highlight(person).first().boundingBox();
    return cardBox && textBox ? Math.abs(cardBox.y - textBox.y) : Number.POSITIVE_INFINITY;
  };
  await expect.poll(() => cardOffset(kofi)).toBeLessThan(40);
  const textTop = (await highlight(kofi).first().boundingBox())?.y ?? 0;
  await amira.selectText("The Parties jointly", "start");
  for (let i = 0; i < 4; i++) await amira.page.keyboard.press("Enter");
  await expect
    .poll(async () => ((await highlight(kofi).first().boundingBox())?.y ?? 0) - textTop)
    .toBeGreaterThan(60);
  await expect.poll(() => cardOffset(kofi)).toBeLessThan(40);
  await expect.poll(() => cardOffset(amira)).toBeLessThan(40);

  // Kofi clicks the highlighted words: the card is focused; he replies.
  await highlight(kofi).first().click();
  await expect(card(kofi, anchored)).toHaveAttribute("data-focused", "true");
  await expect(highlight(kofi).first()).toHaveClass(/is-focused/);
  await card(kofi, anchored).getByRole("textbox", { name: "Reply" }).fill("Those in Annex II.");
  await card(kofi, anchored).getByRole("button", { name: "Reply", exact: true }).click();
  await expect(card(amira, anchored).getByRole("list", { name: "Replies" })).toContainText(
    "Those in Annex II.",
  );
  await expect(card(amira, anchored).getByRole("list", { name: "Replies" })).toContainText(
    "Kofi Mensah",
  );

  // Amira resolves: the card leaves both margins and the highlight goes; it is in "Resolved".
  await card(amira, anchored).click();
  await card(amira, anchored).getByRole("button", { name: "Resolve" }).click();
  for (const person of [amira, kofi]) {
    await expect(card(person, anchored)).toBeHidden();
    await expect(highlight(person)).toHaveCount(0);
  }
  await margin(kofi).getByRole("combobox", { name: "Show comments" }).selectOption("resolved");
  const resolvedCard = card(kofi, anchored);
  await expect(resolvedCard).toContainText("Resolved by Amira Haddad");

  // Kofi reopens it: back in both margins, on the same words.
  await resolvedCard.getByRole("button", { name: "Reopen" }).click();
  await margin(kofi).getByRole("combobox", { name: "Show comments" }).selectOption("open");
  for (const person of [amira, kofi]) {
    await expect(card(person, anchored)).toBeVisible();
    await expect(card(person, anchored)).toContainText("Reopened by Kofi Mensah");
    await expect.poll(() => highlightedText(person)).toBe(anchored);
  }
  // The outline counts the open thread in its section.
  await expect(amira.page.locator(".outline [data-open-threads]")).toHaveText(/^1/);
});

test("proposed wording applied by one person: both see the new words, and the thread stays open with the old and the new", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(request, serverUrl, "Comments: proposed wording");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);
  await writeParagraph(amira, "Each Party shall notify the Commission in writing.");
  await expect.poll(() => kofi.text()).toContain("in writing.");

  await comment(amira, "shall notify", "Softer, please.", "should inform");
  const proposalCard = card(kofi, "shall notify");
  await expect(proposalCard).toContainText("should inform");
  // Before applying, the card says what the wording replaces.
  await expect(proposalCard.locator(".comment-proposal-old")).toContainText("shall notify");
  await proposalCard.getByRole("button", { name: "Apply wording" }).click();

  for (const person of [amira, kofi]) {
    await expect
      .poll(() => person.text())
      .toContain("Each Party should inform the Commission in writing.");
    // Not resolved: the thread stays open, on the new words, and keeps both wordings.
    const applied = card(person, "should inform");
    await expect(applied).toContainText("Wording applied by Kofi Mensah");
    await expect(applied.locator(".comment-applied-change del")).toHaveText("shall notify");
    await expect(applied.locator(".comment-applied-change ins")).toHaveText("should inform");
    await expect(applied.getByRole("button", { name: "Apply wording" })).toHaveCount(0);
  }
  await expect.poll(() => highlightedText(amira)).toBe("should inform");
  // Resolving is for the people in the thread, and the resolved thread keeps both wordings.
  await card(amira, "should inform").getByRole("button", { name: "Resolve" }).click();
  await expect(card(amira, "should inform")).toBeHidden();
  await margin(amira).getByRole("combobox", { name: "Show comments" }).selectOption("resolved");
  const resolved = card(amira, "should inform");
  await expect(resolved.locator(".comment-applied-change del")).toHaveText("shall notify");
});

test("a comment body is shown as text, never as HTML", async ({ request, serverUrl, join }) => {
  const framework = await createFramework(request, serverUrl, "Comments: safe bodies");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  const dialogs: string[] = [];
  for (const person of [amira, kofi]) person.page.on("dialog", (d) => dialogs.push(d.message()));
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);
  await writeParagraph(amira, "Verification begins on Adoption Day.");
  await expect.poll(() => kofi.text()).toContain("Adoption Day.");

  const hostile = "<img src=x onerror=alert(1)> see https://example.org/annex";
  await comment(amira, "Adoption Day", hostile);
  const shown = card(kofi, "Adoption Day");
  await expect(shown.locator(".comment-body")).toHaveText(hostile);
  await expect(shown.locator("img")).toHaveCount(0);
  await expect(shown.getByRole("link", { name: "https://example.org/annex" })).toHaveAttribute(
    "href",
    "https://example.org/annex",
  );
  expect(dialogs).toEqual([]);
});

test("screenshot of the margin with threads", async ({ request, serverUrl, join }) => {
  const framework = await createFramework(
    request,
    serverUrl,
    "Framework on Phased Reciprocal Steps",
    "phased-reciprocal",
    // Kofi drafts for the Second Party: his messages carry its chip.
    { party: "party-b", name: "Kofi Mensah" },
  );
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  await amira.page.setViewportSize({ width: 1600, height: 1480 });
  await enter(amira, framework.mediatorPath);
  await enter(kofi, framework.drafterPath);

  // Kofi asks Amira about the first term, mentioning her through the suggestions.
  await kofi.selectText("reciprocal and phased steps");
  await kofi.page.keyboard.press("Control+Alt+m");
  const composer = margin(kofi).getByRole("form", { name: "New comment" });
  const box = composer.getByRole("textbox", { name: "Comment" });
  await box.fill("Does this include the steps of the guarantors? ");
  await box.press("End");
  await box.pressSequentially("@Ami");
  await composer.getByRole("option", { name: /Amira Haddad/ }).click();
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(card(amira, "reciprocal and phased steps").locator(".comment-mention")).toHaveText(
    "@Amira Haddad",
  );

  await comment(
    amira,
    "suspend the measures listed in Annex I",
    "We can accept this once the verification report is in.",
    "suspend, upon verification, the measures listed in Annex I",
  );
  await comment(
    kofi,
    "listed in Annex I on",
    "Overlaps the thread above on purpose:\nboth stay on their own words.",
  );
  await comment(kofi, "threat or use of force", "Agreed as drafted.");
  const first = card(amira, "reciprocal and phased steps");
  await first.click();
  await first
    .getByRole("textbox", { name: "Reply" })
    .fill("Yes: the guarantors' steps are in Annex III. See https://example.org/annex-iii");
  await first.getByRole("button", { name: "Reply", exact: true }).click();
  await expect(first.getByRole("list", { name: "Replies" })).toBeVisible();
  const agreed = card(amira, "threat or use of force");
  await agreed.click();
  await agreed.getByRole("button", { name: "Resolve" }).click();
  await expect(agreed).toBeHidden();
  const focused = card(amira, "suspend the measures listed in Annex I");
  await focused.click();
  await expect(focused).toHaveAttribute("data-focused", "true");
  await expect(amira.page.locator(".outline [data-open-threads]").first()).toBeVisible();
  await amira.page.evaluate(() => window.scrollTo(0, 0));
  await amira.page.screenshot({ path: SCREENSHOT });
});

test("a commenter, who cannot edit the text, anchors a thread that everyone sees", async ({
  request,
  serverUrl,
  join,
}) => {
  const framework = await createFramework(
    request,
    serverUrl,
    "Comments: commenter",
    "phased-reciprocal",
  );
  const mediatorToken = decodeURIComponent(framework.mediatorPath.split("token=")[1] ?? "");
  const invite = await request.post(`${serverUrl}/api/frameworks/${framework.id}/invites`, {
    data: { role: "commenter", party: "party-a", name: "Lena Ortiz" },
    headers: { authorization: `Bearer ${mediatorToken}` },
  });
  expect(invite.status()).toBe(201);
  const commenterUrl = new URL(((await invite.json()) as { url: string }).url);
  const amira = await join("Amira Haddad");
  const lena = await join("Lena Ortiz");
  await enter(amira, framework.mediatorPath);
  await lena.visit(`${commenterUrl.pathname}${commenterUrl.search}`);
  await expect(lena.connection).toHaveAttribute("data-connection", "connected");
  await expect(lena.editor).toHaveAttribute("contenteditable", "false");
  await expect(lena.editor).toContainText("Nothing in this framework is agreed");

  await lena.selectText("until everything is agreed", "all", false);
  // The text takes no keys for her: the shortcut works from the page.
  await lena.page.keyboard.press("Control+Alt+m");
  const composer = margin(lena).getByRole("form", { name: "New comment" });
  await composer
    .getByRole("textbox", { name: "Comment" })
    .fill("Our delegation reads this as binding.");
  await composer.getByRole("button", { name: "Propose wording…" }).click();
  await composer.getByRole("textbox", { name: /Proposed wording/ }).fill("until all is agreed");
  await composer.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(composer).toBeHidden();

  const seen = card(amira, "until everything is agreed");
  await expect(seen).toContainText("Our delegation reads this as binding.");
  await expect(seen).toContainText("Lena Ortiz");
  await expect.poll(() => highlightedText(amira)).toBe("until everything is agreed");
  // The commenter may not edit the text, so she is not offered to apply the wording; Amira is.
  await expect(
    card(lena, "until everything is agreed").getByRole("button", { name: "Apply wording" }),
  ).toHaveCount(0);
  await expect(seen.getByRole("button", { name: "Apply wording" })).toBeVisible();

  // An observer reads the thread but is offered nothing to write.
  const observerInvite = await request.post(`${serverUrl}/api/frameworks/${framework.id}/invites`, {
    data: { role: "observer" },
    headers: { authorization: `Bearer ${mediatorToken}` },
  });
  const observerUrl = new URL(((await observerInvite.json()) as { url: string }).url);
  const omar = await join("Omar Farouk");
  await omar.visit(`${observerUrl.pathname}${observerUrl.search}`);
  const read = card(omar, "until everything is agreed");
  await expect(read).toContainText("Our delegation reads this as binding.");
  await read.click();
  await expect(read).toHaveAttribute("data-focused", "true");
  await expect(read.getByRole("button")).toHaveCount(0);
  await expect(margin(omar).getByRole("button", { name: "Comment", exact: true })).toHaveCount(0);
});

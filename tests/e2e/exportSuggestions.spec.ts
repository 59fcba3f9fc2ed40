/**
 * DOCX export of pending suggestions from the export dialog: suggestions written into the
 * framework by a real y-websocket client (a replacement and a deletion by the Second Party's
 * member, an insertion by the First Party's) reach the mediator's editor; the dialog's default
 * ("Shown") downloads a Word file whose `word/document.xml`, parsed back, holds `w:ins`/`w:del`
 * with the right author and date; "As if all were accepted" downloads the accepted text.
 */
import { readFile } from "node:fs/promises";
import { addSampleSuggestions } from "@parley/server/test/sampleSuggestions";
import { resolvedParagraphs, wordRevisions } from "@parley/shared/test/export/wordRevisions";
import { unzipSync } from "fflate";
import { connectClient, waitForSynced } from "../helpers/syncClient.js";
import { syncUrlOf } from "../helpers/testServer.js";
import { expect, test } from "./support/fixtures.js";

test("the DOCX export holds the suggestions as Word tracked changes", async ({
  request,
  serverUrl,
  join,
}) => {
  const created = await request.post(`${serverUrl}/api/frameworks`, {
    data: { title: "Tracked changes", template: "phased-reciprocal" },
  });
  expect(created.status()).toBe(201);
  const { id, token } = (await created.json()) as { id: string; token: string };

  const writer = connectClient(syncUrlOf(serverUrl), id, { token });
  await waitForSynced(writer.provider);
  addSampleSuggestions(writer.doc);

  const amira = await join("Amira Haddad");
  await amira.open(id, token);
  // The suggestions reached the server and this editor (the schema draws them as ins/del).
  await expect(amira.editor.locator("ins[data-suggestion]").first()).toBeVisible();
  await expect(amira.editor.locator('del[data-suggestion="s-sample01"]')).toHaveText("14");
  writer.destroy();

  await amira.page.getByRole("button", { name: "Export", exact: true }).click();
  const dialog = amira.page.getByRole("dialog", { name: "Export the framework" });
  await expect(dialog.getByRole("radio", { name: /^DOCX/ })).toBeChecked();
  await expect(dialog.getByRole("radio", { name: /^Shown/ })).toBeChecked();

  const download = async () => {
    const downloading = amira.page.waitForEvent("download");
    await dialog.getByRole("button", { name: "Export DOCX" }).click();
    const file = await downloading;
    const files = unzipSync(new Uint8Array(await readFile(await file.path())));
    return new TextDecoder().decode(files["word/document.xml"]);
  };

  const revisions = wordRevisions(await download());
  expect(revisions).toContainEqual(
    expect.objectContaining({
      tag: "w:del",
      text: "14",
      author: "John Miller (SP)",
      date: "2026-11-23T09:10:00Z",
    }),
  );
  expect(revisions).toContainEqual(
    expect.objectContaining({ tag: "w:ins", text: "30", author: "John Miller (SP)" }),
  );
  expect(revisions).toContainEqual(
    expect.objectContaining({
      tag: "w:ins",
      text: " and verifiably",
      author: "Leila Karimi (FP)",
      date: "2026-11-23T11:45:00Z",
    }),
  );
  expect(revisions).toContainEqual(
    expect.objectContaining({
      tag: "w:del",
      text: " while this framework is implemented",
      author: "John Miller (SP)",
    }),
  );

  await dialog.getByRole("radio", { name: "As if all were accepted" }).check();
  const accepted = await download();
  expect(wordRevisions(accepted)).toEqual([]);
  const paragraphs = resolvedParagraphs(accepted, "accepted");
  expect(paragraphs).toContain(
    "The Mediation Team responds to a reported breach within 30 days of the Joint Verification Commission's report; the measures lifted may then be reinstated in whole or in part. (Parked)",
  );
  expect(paragraphs).toContain(
    "Each Party refrains from the threat or use of force against the other. (Proposed)",
  );
});

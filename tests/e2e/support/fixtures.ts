/**
 * Fixtures: the server's address, a REST helper, and `join(name)`, which opens a fresh browser
 * context (its own storage, so its own IndexedDB and name) for one person.
 */

import { RECORD_KINDS, sequencingMap } from "@parley/shared/sequencing/snapshot";
import { type APIRequestContext, test as base, expect } from "@playwright/test";
import type * as Y from "yjs";
import { connectClient, waitForDocs, waitForSynced } from "../../helpers/syncClient.js";
import { syncUrlOf } from "../../helpers/testServer.js";
import { serverLinesSince } from "./diagnostics.js";
import { Participant } from "./participant.js";

interface Fixtures {
  serverUrl: string;
  createFramework: (title: string) => Promise<string>;
  join: (name: string) => Promise<Participant>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern
  serverUrl: async ({}, use) => {
    const url = process.env.PARLEY_E2E_URL;
    if (!url) throw new Error("PARLEY_E2E_URL is not set: run the suite with `pnpm test:e2e`.");
    await use(url);
  },
  baseURL: async ({ serverUrl }, use) => {
    await use(serverUrl);
  },
  createFramework: async ({ request, serverUrl }, use) => {
    await use(async (title) => {
      const response = await request.post(`${serverUrl}/api/frameworks`, { data: { title } });
      expect(response.status()).toBe(201);
      const body: unknown = await response.json();
      if (
        typeof body !== "object" ||
        body === null ||
        !("id" in body) ||
        typeof body.id !== "string"
      ) {
        throw new Error(`unexpected create response: ${JSON.stringify(body)}`);
      }
      return body.id;
    });
  },
  join: async ({ browser, serverUrl }, use, testInfo) => {
    const people: Participant[] = [];
    const started = Date.now();
    await use(async (name) => {
      const context = await browser.newContext({ baseURL: serverUrl });
      const person = new Participant(name, context, await context.newPage());
      people.push(person);
      return person;
    });
    // A failed test reports what each page showed and what the server logged: CI keeps only the
    // output, and a failure that happens once in many runs has to explain itself there.
    if (testInfo.status !== testInfo.expectedStatus) {
      const report = await Promise.all(people.map((p) => p.describe()));
      const server = await serverLinesSince(process.env.PARLEY_E2E_SERVER_LOG, started);
      const text = [
        `=== what the pages showed when "${testInfo.title}" failed`,
        ...report,
        `--- the server's log during the test: ${server.length === 0 ? "none" : ""}`,
        ...server,
      ].join("\n");
      // The list reporter prints a test's output as it comes, whole; it cuts a text attachment
      // to its first 300 characters.
      process.stderr.write(`${text}\n`);
      await testInfo.attach("what the pages showed", { contentType: "text/plain", body: text });
    }
    await Promise.all(people.map((p) => p.context.close()));
  },
});

export { expect };

/** Creates a framework from the phased reciprocal template (written by the server); its id. */
export async function createTemplateFramework(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
): Promise<string> {
  return (await postTemplateFramework(request, serverUrl, title)).id;
}

/**
 * Creates a framework from the phased reciprocal template, then removes the example sequencing
 * the server writes into it (through a real y-websocket client with the creator's token), for
 * specs that build their own sequencing from nothing; its id. Resolves once a second client sees
 * the sequencing empty through the server.
 */
export async function createTemplateFrameworkWithoutSequencing(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
): Promise<string> {
  const { id, token } = await postTemplateFramework(request, serverUrl, title);
  const writer = connectClient(syncUrlOf(serverUrl), id, { token });
  const reader = connectClient(syncUrlOf(serverUrl), id, { token });
  try {
    await Promise.all([waitForSynced(writer.provider), waitForSynced(reader.provider)]);
    expect(sequencingCount(writer.doc)).toBeGreaterThan(0);
    writer.doc.transact(() => {
      for (const kind of RECORD_KINDS) sequencingMap(writer.doc, kind).clear();
    });
    await waitForDocs(
      [reader.doc],
      () => sequencingCount(reader.doc) === 0,
      "the template's sequencing to be removed",
    );
  } finally {
    writer.destroy();
    reader.destroy();
  }
  return id;
}

function sequencingCount(doc: Y.Doc): number {
  return RECORD_KINDS.reduce((sum, kind) => sum + sequencingMap(doc, kind).size, 0);
}

async function postTemplateFramework(
  request: APIRequestContext,
  serverUrl: string,
  title: string,
): Promise<{ id: string; token: string }> {
  const response = await request.post(`${serverUrl}/api/frameworks`, {
    data: { title, template: "phased-reciprocal" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { id?: unknown; token?: unknown };
  if (typeof body.id !== "string" || typeof body.token !== "string")
    throw new Error(`unexpected response ${JSON.stringify(body)}`);
  return { id: body.id, token: body.token };
}

/** An invite token minted with the e2e server's admin token. */
export async function inviteToken(
  request: APIRequestContext,
  serverUrl: string,
  frameworkId: string,
  body: { role: string; party?: string; name?: string },
): Promise<string> {
  const response = await request.post(`${serverUrl}/api/frameworks/${frameworkId}/invites`, {
    headers: { authorization: `Bearer ${process.env.PARLEY_E2E_ADMIN_TOKEN ?? ""}` },
    data: body,
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

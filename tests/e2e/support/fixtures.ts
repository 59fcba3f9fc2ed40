/**
 * Fixtures: the server's address, a REST helper, and `join(name)`, which opens a fresh browser
 * context (its own storage, so its own IndexedDB and name) for one person.
 */
import { type APIRequestContext, test as base, expect } from "@playwright/test";
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
  join: async ({ browser, serverUrl }, use) => {
    const people: Participant[] = [];
    await use(async (name) => {
      const context = await browser.newContext({ baseURL: serverUrl });
      const person = new Participant(name, context, await context.newPage());
      people.push(person);
      return person;
    });
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
  const response = await request.post(`${serverUrl}/api/frameworks`, {
    data: { title, template: "phased-reciprocal" },
  });
  expect(response.status()).toBe(201);
  const body = (await response.json()) as { id?: unknown };
  if (typeof body.id !== "string") throw new Error(`unexpected response ${JSON.stringify(body)}`);
  return body.id;
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

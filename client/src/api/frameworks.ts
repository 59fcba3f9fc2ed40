/**
 * The REST calls the client makes, typed by the shared contract. Every failure becomes an
 * `ApiRequestError` whose message a person can act on; `unreachable` means the server could not
 * be reached at all (offline, server down), which the UI treats differently from a refusal.
 */
import {
  ApiError,
  CreatedFramework,
  type CreateFrameworkBody,
  FrameworkSummary,
  FrameworkWithAccess,
  JoinedMember,
  LookupResult,
  SearchResult,
} from "@parley/shared/api";
import { MAX_SEARCH_FRAMEWORKS } from "@parley/shared/search/frameworkSearch";
import {
  allTokens,
  forgetToken,
  isPersonalToken,
  saveAccess,
  saveToken,
  tokenFor,
} from "../collab/tokens.js";

export type ApiFailure = "unreachable" | "not_found" | "invalid_request" | "server" | string;

export class ApiRequestError extends Error {
  constructor(
    readonly code: ApiFailure,
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

const UNREACHABLE = "The Parley server cannot be reached. Check your connection and try again.";

async function request(
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
): Promise<unknown> {
  let response: Response;
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["content-type"] = "application/json";
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError("unreachable", UNREACHABLE, null);
  }
  const text = await response.text();
  const json: unknown = text.length > 0 ? safeJson(text) : null;
  if (!response.ok) {
    const parsed = ApiError.safeParse(json);
    if (parsed.success) {
      throw new ApiRequestError(parsed.data.error.code, parsed.data.error.message, response.status);
    }
    // A proxy in front of a server that is down (Vite in dev, a load balancer) answers 502-504.
    if (response.status >= 502 && response.status <= 504) {
      throw new ApiRequestError("unreachable", UNREACHABLE, response.status);
    }
    const code = response.status === 404 ? "not_found" : "server";
    const message =
      response.status >= 500 && response.status !== 501
        ? "The server could not complete the request. Please try again in a moment."
        : `The server refused the request (HTTP ${response.status}).`;
    throw new ApiRequestError(code, message, response.status);
  }
  return json;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiRequestError(
      "server",
      "The server sent an answer this page does not understand.",
      null,
    );
  }
  return result.data;
}

/** The frameworks this browser holds tokens for (`POST /api/frameworks/lookup`). */
export async function listFrameworks(): Promise<FrameworkSummary[]> {
  const tokens = allTokens();
  if (tokens.length === 0) return [];
  const result = parse(
    LookupResult,
    await request("POST", "/api/frameworks/lookup", { tokens: tokens.map((t) => t.token) }),
  );
  for (const framework of result.frameworks) saveAccess(framework.access);
  return result.frameworks.map(({ access: _access, ...summary }) => summary);
}

/**
 * Searches the titles and text of the frameworks this browser holds tokens for
 * (`POST /api/frameworks/search`; at most the `MAX_SEARCH_FRAMEWORKS` last saved tokens).
 */
export async function searchFrameworks(query: string): Promise<SearchResult["frameworks"]> {
  const tokens = allTokens().slice(-MAX_SEARCH_FRAMEWORKS);
  if (tokens.length === 0) return [];
  const result = parse(
    SearchResult,
    await request("POST", "/api/frameworks/search", {
      tokens: tokens.map((t) => t.token),
      query,
    }),
  );
  return result.frameworks;
}

/** Reads a framework with the held token, and records what the token grants. */
export async function getFramework(id: string): Promise<FrameworkSummary> {
  const found = parse(
    FrameworkWithAccess,
    await request("GET", `/api/frameworks/${encodeURIComponent(id)}`, undefined, tokenFor(id)),
  );
  saveAccess(found.access);
  const { access: _access, ...summary } = found;
  return summary;
}

/**
 * Exchanges the held invite token of a framework for a personal one (`POST …/members`) with the
 * person's display name, and keeps that instead. Nothing to do when the held token is personal
 * already. If the exchange fails (offline, revoked), the invite token stays: it can read, and the
 * next opening tries again; `getFramework` reports why it is refused.
 */
export async function personalizeToken(id: string, name: string): Promise<void> {
  const token = tokenFor(id);
  if (token === null || isPersonalToken(token)) return;
  try {
    const joined = parse(
      JoinedMember,
      await request("POST", `/api/frameworks/${encodeURIComponent(id)}/members`, { name }, token),
    );
    // Another tab may have exchanged it meanwhile: keep whichever was saved first.
    if (tokenFor(id) === token) saveToken(id, joined.token, joined.access);
  } catch (error) {
    if (!(error instanceof ApiRequestError)) throw error;
  }
}

/** Creates a framework and keeps the mediator token the server answers with. */
export async function createFramework(body: CreateFrameworkBody): Promise<FrameworkSummary> {
  const created = parse(CreatedFramework, await request("POST", "/api/frameworks", body));
  saveToken(created.id, created.token, created.access);
  const { token: _token, access: _access, ...summary } = created;
  return summary;
}

export async function renameFramework(id: string, title: string): Promise<FrameworkSummary> {
  return parse(
    FrameworkSummary,
    await request("PATCH", `/api/frameworks/${encodeURIComponent(id)}`, { title }, tokenFor(id)),
  );
}

export async function deleteFramework(id: string): Promise<void> {
  await request("DELETE", `/api/frameworks/${encodeURIComponent(id)}`, undefined, tokenFor(id));
  forgetToken(id);
}

/** A call with the held token of `frameworkId` (the access feature's invites and audit log). */
export function requestWithToken(
  frameworkId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  return request(method, path, body, tokenFor(frameworkId));
}

export { parse as parseResponse };

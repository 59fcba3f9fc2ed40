/** `GET /api/frameworks/:id/authorship` with the framework's held token: who wrote under which client id. */
import { type AuthorshipWriter, authorshipAnswerSchema } from "@parley/shared/versions/api";
import { ApiRequestError, requestWithToken } from "../../api/frameworks.js";

export async function fetchWriters(frameworkId: string): Promise<Map<number, AuthorshipWriter>> {
  const body = await requestWithToken(
    frameworkId,
    "GET",
    `/api/frameworks/${encodeURIComponent(frameworkId)}/authorship`,
  );
  const parsed = authorshipAnswerSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiRequestError(
      "server",
      "The server sent an answer this page does not understand.",
      null,
    );
  }
  return new Map(parsed.data.writers.map((w) => [w.client, w]));
}

// @vitest-environment node
import { contentDisposition } from "@parley/shared/export/fileName";
import { describe, expect, it } from "vitest";
import { downloadExport, ExportError, type ExportProgress, isAbort } from "./exportDownload.js";
import { INITIAL_EXPORT_OPTIONS } from "./exportQuery.js";

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A fetch that records its calls and answers `respond()`; it honours the abort signal. */
function fakeFetch(respond: (signal: AbortSignal | null | undefined) => Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    return respond(init?.signal);
  }) as typeof fetch;
  return { calls, impl };
}

const md = { ...INITIAL_EXPORT_OPTIONS, format: "md" as const };

describe("downloadExport", () => {
  it("sends the Bearer token to the export path and returns the file under the server's name", async () => {
    const body = "# Tehran–Washington «verification» ✓\n\n## Section one\n";
    const { calls, impl } = fakeFetch(
      async () =>
        new Response(body, {
          status: 200,
          headers: {
            "content-type": "text/markdown; charset=utf-8",
            "content-disposition": contentDisposition("Tehran–Washington «verification» ✓", "md"),
            "content-length": String(new TextEncoder().encode(body).byteLength),
          },
        }),
    );
    const progress: ExportProgress[] = [];
    const file = await downloadExport({
      frameworkId: "fw_1",
      options: md,
      token: "secret-token",
      signal: new AbortController().signal,
      onProgress: (p) => progress.push(p),
      fetchImpl: impl,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(
      "/api/frameworks/fw_1/export?format=md&text=brackets&comments=false&annexes=true&nonPaper=false&suggestions=show",
    );
    expect(calls[0]?.init?.headers).toEqual({ authorization: "Bearer secret-token" });
    expect(file.fileName).toBe("Tehran–Washington «verification» ✓.md");
    expect(file.blob.type).toBe("text/markdown; charset=utf-8");
    expect(await file.blob.text()).toBe(body);
    const total = new TextEncoder().encode(body).byteLength;
    expect(progress[0]).toEqual({ received: 0, total });
    expect(progress.at(-1)).toEqual({ received: total, total });
  });

  it("names the file after the format when the server gives no name", async () => {
    const { impl } = fakeFetch(async () => new Response("x", { status: 200 }));
    const file = await downloadExport({
      frameworkId: "fw_1",
      options: INITIAL_EXPORT_OPTIONS,
      token: null,
      signal: new AbortController().signal,
      fetchImpl: impl,
    });
    expect(file.fileName).toBe("framework.docx");
  });

  it("sends no Authorization header without a token", async () => {
    const { calls, impl } = fakeFetch(async () => new Response("x", { status: 200 }));
    await downloadExport({
      frameworkId: "fw_1",
      options: md,
      token: null,
      signal: new AbortController().signal,
      fetchImpl: impl,
    });
    expect(calls[0]?.init?.headers).toEqual({});
  });

  it("rejects with the server's JSON error message", async () => {
    const { impl } = fakeFetch(async () =>
      Response.json(
        { error: { code: "forbidden", message: "This needs the observer role or higher." } },
        { status: 403 },
      ),
    );
    const failure = await downloadExport({
      frameworkId: "fw_1",
      options: md,
      token: "t",
      signal: new AbortController().signal,
      fetchImpl: impl,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExportError);
    expect((failure as ExportError).failure).toMatchObject({
      code: "forbidden",
      status: 403,
      message: "This needs the observer role or higher.",
    });
  });

  it("says the server cannot be reached when fetch itself fails", async () => {
    const { impl } = fakeFetch(async () => {
      throw new TypeError("Failed to fetch");
    });
    const failure = await downloadExport({
      frameworkId: "fw_1",
      options: md,
      token: "t",
      signal: new AbortController().signal,
      fetchImpl: impl,
    }).catch((error: unknown) => error);
    expect((failure as ExportError).failure.code).toBe("unreachable");
  });

  it("rejects with an AbortError, not an ExportError, when cancelled while waiting", async () => {
    const controller = new AbortController();
    const { impl } = fakeFetch(
      (signal) =>
        new Promise<Response>((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const pending = downloadExport({
      frameworkId: "fw_1",
      options: md,
      token: "t",
      signal: controller.signal,
      fetchImpl: impl,
    });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ExportError);
    expect(isAbort(error)).toBe(true);
  });
});

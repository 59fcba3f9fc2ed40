import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { VersionsDialog } from "./VersionsDialog.js";

const ROW = {
  id: "v-abc1234567",
  frameworkId: "fw-aaaaaa",
  name: "Rev. 1",
  note: "",
  kind: "manual",
  by: { name: "Amira", party: "party-a" },
  at: "2026-12-06T08:00:00.000Z",
  size: 4096,
  storedBytes: 1200,
};

type Call = { method: string; url: string; body: unknown };
let calls: Call[] = [];

beforeEach(() => {
  calls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null });
      if (method === "GET") return new Response(JSON.stringify({ versions: [ROW] }));
      if (url.endsWith("/restore")) {
        const saved = { ...ROW, kind: "beforeRestore", name: "Before restoring Rev. 1" };
        return new Response(JSON.stringify({ saved, changed: true }));
      }
      return new Response(JSON.stringify(ROW), { status: 201 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(role: "observer" | "commenter" | "drafter" | "mediator") {
  render(
    <MemoryRouter>
      <VersionsDialog frameworkId="fw-aaaaaa" role={role} onClose={() => {}} />
    </MemoryRouter>,
  );
}

describe("VersionsDialog", () => {
  it("lets an observer or commenter read and compare, but not save, restore or delete", async () => {
    for (const role of ["observer", "commenter"] as const) {
      open(role);
      const row = await screen.findByRole("row", { name: /Rev\. 1/ });
      expect(within(row).getByRole("link", { name: "Open Rev. 1" })).toBeTruthy();
      expect(within(row).getByRole("link", { name: "Compare Rev. 1 with now" })).toBeTruthy();
      expect(screen.queryByRole("form", { name: "Save version" })).toBeNull();
      expect(within(row).queryByRole("button", { name: "Restore Rev. 1" })).toBeNull();
      expect(within(row).queryByRole("button", { name: "Delete Rev. 1" })).toBeNull();
      cleanup();
    }
  });

  it("lets a drafter save a named version, and only a mediator restore after confirming", async () => {
    open("drafter");
    const form = await screen.findByRole("form", { name: "Save version" });
    fireEvent.change(within(form).getByLabelText("Version name"), {
      target: { value: " Rev. 2 " },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Save version" }));
    await screen.findByText("Saved “Rev. 1”.");
    expect(calls.find((c) => c.method === "POST")).toMatchObject({
      url: "/api/frameworks/fw-aaaaaa/versions",
      body: { name: "Rev. 2" },
    });
    expect(screen.queryByRole("button", { name: "Restore Rev. 1" })).toBeNull();
    cleanup();

    open("mediator");
    fireEvent.click(await screen.findByRole("button", { name: "Restore Rev. 1" }));
    const confirm = screen.getByRole("alertdialog", { name: "Restore “Rev. 1”?" });
    expect(calls.some((c) => c.url.endsWith("/restore"))).toBe(false);
    fireEvent.click(within(confirm).getByRole("button", { name: "Restore" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(screen.getByRole("status").textContent).toContain("kept as “Before restoring Rev. 1”");
    expect(calls.filter((c) => c.url.endsWith("/restore"))).toEqual([
      {
        method: "POST",
        url: "/api/frameworks/fw-aaaaaa/versions/v-abc1234567/restore",
        body: null,
      },
    ]);
  });
});

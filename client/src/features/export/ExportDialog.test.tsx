import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExportDialog } from "./ExportDialog.js";

let urls: string[] = [];

beforeEach(() => {
  urls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ error: "stub" }), { status: 500 });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function exportWith(): Promise<URLSearchParams> {
  fireEvent.click(screen.getByRole("button", { name: /^Export / }));
  await waitFor(() => expect(urls).toHaveLength(1));
  return new URL(urls[0]!, "http://localhost").searchParams;
}

describe("export dialog: what the annexes are called", () => {
  it("offers Annex, Appendix, Schedule as radios, Annex chosen, and sends the one chosen", async () => {
    render(<ExportDialog frameworkId="fw-aaaaaa" onClose={() => {}} />);
    const group = screen.getByRole("group", { name: "Annexes are called" });
    expect(
      screen.getByRole<HTMLInputElement>("radio", { name: "Annex I, Annex II…" }).checked,
    ).toBe(true);
    expect(group.querySelectorAll('input[type="radio"]')).toHaveLength(4);
    fireEvent.click(screen.getByRole("radio", { name: "Schedule I, Schedule II…" }));
    expect((await exportWith()).get("annexPrefix")).toBe("Schedule");
  });

  it("takes another word typed by the person", async () => {
    render(<ExportDialog frameworkId="fw-aaaaaa" onClose={() => {}} />);
    fireEvent.click(screen.getByRole("radio", { name: "Another word" }));
    fireEvent.change(screen.getByRole("textbox", { name: "Annex word" }), {
      target: { value: "Attachment" },
    });
    expect((await exportWith()).get("annexPrefix")).toBe("Attachment");
  });

  it("is disabled when the annexes are left out", () => {
    render(<ExportDialog frameworkId="fw-aaaaaa" onClose={() => {}} />);
    fireEvent.click(screen.getByRole("checkbox", { name: /Include annexes/ }));
    const group = screen.getByRole<HTMLFieldSetElement>("group", { name: "Annexes are called" });
    expect(group.disabled).toBe(true);
  });
});

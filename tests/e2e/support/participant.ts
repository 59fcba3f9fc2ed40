/**
 * Page object for one person in one browser context: they answer the name prompt, open a
 * framework, type, and read what their editor shows.
 */
import {
  type BrowserContext,
  expect,
  type Locator,
  type Page,
  type WebSocket,
} from "@playwright/test";
import { describePerson, recordPageTrouble } from "./diagnostics.js";
import type { TiptapLike } from "./tiptapLike.js";

export class Participant {
  /** Every WebSocket this page opened, to check what the network really did. */
  private readonly sockets: WebSocket[] = [];
  /** The page's last console warnings and errors, for the report of a failed test. */
  private readonly trouble: string[];

  constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on("websocket", (socket) => this.sockets.push(socket));
    this.trouble = recordPageTrouble(page);
  }

  /** What this person's page shows now, for the report of a failed test (diagnostics.ts). */
  describe(): Promise<string> {
    return describePerson(this.name, this.page, this.trouble);
  }

  /** How many sync WebSockets this page has opened to the framework room (not to its discussion or private rooms). */
  syncSocketsOpened(): number {
    return this.sockets.filter((s) => /\/sync\/[A-Za-z0-9_-]+(\?|$)/.test(s.url())).length;
  }

  get editor(): Locator {
    return this.page.locator(".framework-text");
  }

  get connection(): Locator {
    return this.page.getByRole("status").and(this.page.locator("[data-connection]"));
  }

  get presence(): Locator {
    return this.page.getByRole("list", { name: "People in this document" });
  }

  /**
   * Finds `wanted` in the editor's text (across marks, else within one text node, e.g. inside a
   * bracket's option) and selects it, or puts the caret at its start or end.
   */
  async selectText(
    wanted: string,
    where: "all" | "start" | "end" = "all",
    /** Wait for the editor's focus (a read-only text takes none). */
    focused = true,
  ): Promise<void> {
    await this.editor.evaluate(
      (element, [text, at]) => {
        interface PmNode {
          isText: boolean;
          isTextblock: boolean;
          text?: string;
          nodeSize: number;
          forEach(fn: (child: PmNode, offset: number) => void): void;
          descendants(fn: (node: PmNode, pos: number) => boolean | undefined): void;
        }
        interface Holder {
          editor?: {
            state: { doc: PmNode };
            commands: { focus(): void; setTextSelection(r: { from: number; to: number }): void };
          };
        }
        const editor = (element as HTMLElement & Holder).editor;
        if (!editor) throw new Error("no editor");
        let found: { from: number; to: number } | null = null;
        // Text blocks' text (inline nodes count as one placeholder), with the position of each char.
        editor.state.doc.descendants((node, pos) => {
          if (found) return false;
          if (!node.isTextblock) return true;
          let chars = "";
          const positions: number[] = [];
          node.forEach((child, offset) => {
            const start = pos + 1 + offset;
            if (child.isText && child.text) {
              for (let i = 0; i < child.text.length; i++) positions.push(start + i);
              chars += child.text;
            } else {
              positions.push(start);
              chars += "\ufffc";
            }
          });
          const index = chars.indexOf(text);
          if (index >= 0) {
            const from = positions[index] ?? 0;
            const to = (positions[index + text.length - 1] ?? 0) + 1;
            found = { from, to };
          }
          return false;
        });
        // Text inside inline nodes (a bracket's options) counts as one placeholder above: look in
        // every text node as well.
        if (!found) {
          editor.state.doc.descendants((node, pos) => {
            if (found) return false;
            const index = node.isText && node.text ? node.text.indexOf(text) : -1;
            if (index >= 0) found = { from: pos + index, to: pos + index + text.length };
            return true;
          });
        }
        if (!found) throw new Error(`"${text}" is not in the text`);
        const range: { from: number; to: number } = found;
        editor.commands.focus();
        editor.commands.setTextSelection(
          at === "start"
            ? { from: range.from, to: range.from }
            : at === "end"
              ? { from: range.to, to: range.to }
              : range,
        );
      },
      [wanted, where] as const,
    );
    // Tiptap focuses on the next animation frame: type only once the editor has the focus.
    if (focused) await expect(this.editor).toBeFocused();
  }

  /** Goes to `path`; on the first visit in this context, answers the name prompt. */
  async visit(path: string): Promise<void> {
    await this.page.goto(path);
    const prompt = this.page.getByRole("dialog", { name: "Welcome to Parley" });
    const ready = this.page.locator("main");
    await expect(prompt.or(ready).first()).toBeVisible();
    if (await prompt.isVisible()) {
      await prompt.getByLabel("Your name").fill(this.name);
      await prompt.getByRole("button", { name: "Continue" }).click();
      await expect(prompt).toBeHidden();
    }
  }

  /**
   * Opens a framework through an invite link and waits until it is live and editable. Without a
   * `token`, the e2e server's admin token invites this person as a mediator named after them.
   */
  async open(frameworkId: string, token?: string): Promise<void> {
    const link = token ?? (await this.inviteAsMediator(frameworkId));
    await this.visit(`/f/${frameworkId}?token=${encodeURIComponent(link)}`);
    await this.waitUntilLive();
  }

  /** A mediator token for this person, minted with the e2e server's admin token. */
  async inviteAsMediator(frameworkId: string): Promise<string> {
    const adminToken = process.env.PARLEY_E2E_ADMIN_TOKEN;
    const serverUrl = process.env.PARLEY_E2E_URL;
    if (!adminToken || !serverUrl) throw new Error("run the e2e suite with `pnpm test:e2e`");
    const response = await this.page.request.post(
      `${serverUrl}/api/frameworks/${frameworkId}/invites`,
      {
        headers: { authorization: `Bearer ${adminToken}` },
        data: { role: "mediator", name: this.name },
      },
    );
    expect(response.status()).toBe(201);
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null || !("token" in body)) {
      throw new Error(`unexpected invite response: ${JSON.stringify(body)}`);
    }
    return String(body.token);
  }

  async waitUntilLive(): Promise<void> {
    await expect(this.connection).toHaveAttribute("data-connection", "connected");
    await expect(this.editor).toHaveAttribute("contenteditable", "true");
  }

  /**
   * Puts the caret at the end of the document's last paragraph. The click gives the page focus the
   * way a person would; the caret is then placed through the editor's state, because a click plus
   * End can land inside the text while another person's caret widget shifts the line's layout.
   */
  async focusEndOfLastParagraph(): Promise<void> {
    await this.editor.locator("p").last().click();
    await this.editor.evaluate((element) => {
      const holder = element as HTMLElement & { editor?: TiptapLike };
      if (!holder.editor) throw new Error("no Tiptap editor on .framework-text");
      let end = -1;
      holder.editor.state.doc.descendants((node, pos) => {
        if (node.type.name === "paragraph") end = pos + node.nodeSize - 1;
      });
      if (end < 0) throw new Error("the document has no paragraph");
      holder.editor.commands.setTextSelection(end);
      holder.editor.commands.focus();
    });
  }

  /**
   * The document's text, block by block, read from the editor's state (Tiptap keeps the editor
   * on its DOM element): the DOM also holds other people's caret labels.
   */
  async blocks(): Promise<string[]> {
    return this.editor.evaluate((element) => {
      const holder = element as HTMLElement & { editor?: TiptapLike };
      if (!holder.editor) throw new Error("no Tiptap editor on .framework-text");
      const blocks: string[] = [];
      holder.editor.state.doc.forEach((node) => {
        blocks.push(node.textContent);
      });
      return blocks;
    });
  }

  /**
   * The text the editor's state has selected. ProseMirror reads a keyboard selection from the
   * browser's asynchronous `selectionchange` event, so wait on this before a command that acts on
   * the selection.
   */
  async selectedText(): Promise<string> {
    return this.editor.evaluate((element) => {
      const holder = element as HTMLElement & { editor?: TiptapLike };
      if (!holder.editor) throw new Error("no Tiptap editor on .framework-text");
      const { from, to } = holder.editor.state.selection;
      return holder.editor.state.doc.textBetween(from, to, "\n");
    });
  }

  async text(): Promise<string> {
    return (await this.blocks()).join("\n");
  }

  caretLabel(name: string): Locator {
    return this.editor.locator(".collaboration-carets__label", { hasText: name });
  }
}

/**
 * Who is offered the export, and its keyboard shortcut. Pure. The server checks the same rule
 * (`REST_MINIMUM_ROLE.readFramework`, observer and up) on every request.
 */
import { REST_MINIMUM_ROLE, roleAtLeast } from "@parley/shared/access/roles";
import type { HeldToken } from "../../collab/tokens.js";

/**
 * Whether to offer "Export": a token is held and grants reading the framework. While the server
 * has not yet said what the token grants (`access` null) the button is offered: reading is the
 * least any token grants, and the server refuses with a clear message if the link is no good.
 */
export function mayExport(held: HeldToken | null): boolean {
  if (!held) return false;
  if (!held.access) return true;
  return roleAtLeast(held.access.role, REST_MINIMUM_ROLE.readFramework);
}

export interface ShortcutKey {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Mod+Shift+E: Cmd on Apple platforms, Ctrl elsewhere (never both, never with Alt). */
export function isExportShortcut(event: ShortcutKey, apple: boolean): boolean {
  const mod = apple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const isE = event.code === "KeyE" || event.key.toLowerCase() === "e";
  return mod && event.shiftKey && !event.altKey && isE;
}

/** Whether the platform uses Cmd as Mod (as ProseMirror decides). */
export function isApplePlatform(platform: string): boolean {
  return /Mac|iP(hone|[oa]d)/.test(platform);
}

/** The shortcut as the platform writes it, for the button's title and aria-keyshortcuts. */
export function shortcutLabel(apple: boolean): { text: string; aria: string } {
  return apple
    ? { text: "⇧⌘E", aria: "Meta+Shift+E" }
    : { text: "Ctrl+Shift+E", aria: "Control+Shift+E" };
}

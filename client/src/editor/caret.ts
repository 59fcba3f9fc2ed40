/** The DOM for another person's caret: a thin coloured bar with their name above it. */
import { isHexColour } from "../collab/identity.js";
import { FALLBACK_COLOUR } from "../collab/presence.js";

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const colour = isHexColour(user.color) ? user.color : FALLBACK_COLOUR;
  const name = typeof user.name === "string" && user.name.trim() ? user.name.trim() : "Someone";
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  caret.style.borderColor = colour;
  caret.setAttribute("data-user", name);
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = colour;
  // Its own direction, isolated: a right-to-left name cannot reorder the text around the caret.
  label.dir = "auto";
  label.textContent = name;
  caret.append(label);
  return caret;
}

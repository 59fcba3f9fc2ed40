/**
 * Framework-wide switches in the framework room's `settings` map. Only mediators change them (the
 * server refuses anyone else's write, `access/frameworkPolicy.ts`).
 *
 * - `trackAllChanges` (boolean, default off): like Word's "lock tracking". While on, a drafter's
 *   edit of the text must be a suggestion (the server applies the rule it applies to commenters,
 *   `suggestions/suggestionRule.ts`); mediators still edit directly.
 */
import type * as Y from "yjs";
import { mayChangeSettings } from "../access/frameworkPolicy.js";
import type { Role } from "../access/roles.js";
import { settingsMap } from "./maps.js";
import { err, ok, type Result } from "./result.js";

export const SETTING_KEYS = { trackAllChanges: "trackAllChanges" } as const;

/** Whether the framework tracks every drafter's change as a suggestion. */
export function trackAllChanges(framework: Y.Doc): boolean {
  return settingsMap(framework).get(SETTING_KEYS.trackAllChanges) === true;
}

/** Switches "track all changes" on or off. Refused, writing nothing, for anyone but a mediator. */
export function setTrackAllChanges(
  framework: Y.Doc,
  on: boolean,
  options: { actor: { role?: Role } },
): Result<{ trackAllChanges: boolean }> {
  if (!mayChangeSettings({ role: options.actor.role ?? "observer" })) {
    return err("notAllowed", "Only a mediator can switch tracking of all changes on or off.");
  }
  if (trackAllChanges(framework) !== on) {
    framework.transact(() => settingsMap(framework).set(SETTING_KEYS.trackAllChanges, on));
  }
  return ok({ trackAllChanges: on });
}

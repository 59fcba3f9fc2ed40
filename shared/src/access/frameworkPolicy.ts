/**
 * What a drafter may change in the framework room beyond plain text: only a party speaks for
 * itself. The server reads the room's state before and after a drafter's update
 * (`frameworkSnapshot.ts`, on a shadow copy, only when the update could touch any of this) and
 * asks `checkFrameworkChanges`; the UI asks the same questions (`mayRecordPosition`,
 * `mayResolveBracket`, `mayManageParties`) to offer only what the server would accept.
 *
 * The rules (mediators may do all of it; commenters and observers write no framework text at all):
 * - Parties (`parties` map): adding, editing and removing them is for mediators.
 * - Positions on bracket options (`supportedBy` / `opposedBy`): a drafter records only its own
 *   party's. Only a mediator marks a position as recorded on a party's behalf (`positionMarks`
 *   map); a drafter may only remove its own party's mark (recording its own position). An option
 *   that reappears (undo of a resolution, or a reopened bracket) may carry the
 *   positions its bracket's resolution record kept for it.
 * - Resolving a bracket (it leaves the text): a mediator's act, or a drafter's when every party
 *   recorded on the bracket (that proposed, supported or opposed any of its options), other than
 *   the drafter's own, supports the chosen option. Removing a bracket without a resolution record
 *   (deleting it, undoing its creation) chooses nothing: allowed only when no other party is
 *   recorded on it. Brackets nested in a resolved bracket go with it.
 * - The resolution log (`bracketResolutions`): a drafter writes a record only together with the
 *   resolution of its bracket, as itself, keeping the earlier resolutions of the bracket; or marks
 *   an existing record reopened (changing nothing else) while the bracket is back in the text.
 *   Records are never deleted by drafters.
 * - Framework settings (`settings` map, e.g. `trackAllChanges`): mediators only.
 */
import { type BracketResolution, bracketResolutionSchema } from "../model/bracket.js";
import { ALLOWED, type Decision, type Role, refused } from "./roles.js";

export interface OptionState {
  optionId: string;
  proposedBy: string | null;
  supportedBy: readonly string[];
  opposedBy: readonly string[];
  /**
   * Parties recorded on brackets nested in this option (they leave the text with it when another
   * option is chosen). The UI fills it in; the server checks nested brackets one by one.
   */
  nestedParties?: readonly string[];
}

export interface BracketState {
  bracketId: string;
  /** The nearest enclosing bracket, if this one is nested in an option. */
  parent: string | null;
  options: readonly OptionState[];
}

/** What the checks read of the framework room, before or after an update. */
export interface FrameworkState {
  brackets: ReadonlyMap<string, BracketState>;
  /** Raw values of the `parties` map. */
  parties: ReadonlyMap<string, unknown>;
  /** Raw values of the `bracketResolutions` map. */
  resolutions: ReadonlyMap<string, unknown>;
  /** Raw values of the `positionMarks` map (absent: empty). */
  marks?: ReadonlyMap<string, unknown>;
  /** Raw values of the `settings` map (absent: empty). */
  settings?: ReadonlyMap<string, unknown>;
}

export interface ActingAs {
  role: Role;
  party: string | null;
}

/** Whether a person may add, edit or remove parties. */
export function mayManageParties(who: ActingAs): boolean {
  return who.role === "mediator";
}

/** Whether a person may change the framework settings (`trackAllChanges`). */
export function mayChangeSettings(who: Pick<ActingAs, "role">): boolean {
  return who.role === "mediator";
}

/** Whether a person may record `partyId`'s support or opposition on a bracket option. */
export function mayRecordPosition(who: ActingAs, partyId: string): boolean {
  if (who.role === "mediator") return true;
  return who.role === "drafter" && who.party === partyId;
}

/** Every party that proposed, supported or opposed any option of the bracket. */
export function partiesRecordedOn(bracket: Pick<BracketState, "options">): Set<string> {
  const out = new Set<string>();
  for (const option of bracket.options) {
    if (option.proposedBy !== null) out.add(option.proposedBy);
    for (const id of option.supportedBy) out.add(id);
    for (const id of option.opposedBy) out.add(id);
  }
  return out;
}

/**
 * The parties recorded on the bracket, other than `ownParty`, that do not support `optionId`
 * (null: no option chosen, the bracket is just removed). Empty: a drafter of `ownParty` may
 * resolve it that way.
 */
export function partiesWithoutSupport(
  bracket: Pick<BracketState, "options">,
  optionId: string | null,
  ownParty: string | null,
): string[] {
  const chosen = bracket.options.find((o) => o.optionId === optionId) ?? null;
  const recorded = partiesRecordedOn(bracket);
  for (const option of bracket.options) {
    if (option !== chosen) for (const party of option.nestedParties ?? []) recorded.add(party);
  }
  return [...recorded]
    .filter((party) => party !== ownParty && !(chosen?.supportedBy.includes(party) ?? false))
    .sort();
}

/** Whether a person may resolve the bracket by choosing `optionId` (null: removing it outright). */
export function mayResolveBracket(
  who: ActingAs,
  bracket: Pick<BracketState, "options">,
  optionId: string | null,
): Decision {
  if (who.role === "mediator") return ALLOWED;
  if (who.role !== "drafter") return refused(`a ${who.role} cannot resolve brackets`);
  const missing = partiesWithoutSupport(bracket, optionId, who.party);
  if (missing.length === 0) return ALLOWED;
  return refused(
    `the bracket is contested: ${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not support ${
      optionId === null ? "removing it" : "the chosen option"
    }; only a mediator may resolve it, or every party recorded on it must support the chosen option`,
  );
}

/** JSON with sorted keys: equal values give equal strings whatever the insertion order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries);
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function changedKeys(
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => !sameValue(before.get(key), after.get(key))).sort();
}

/** Options by id, duplicates kept in document order. */
function optionsById(
  state: FrameworkState,
): Map<string, Array<OptionState & { bracketId: string }>> {
  const out = new Map<string, Array<OptionState & { bracketId: string }>>();
  for (const bracket of state.brackets.values()) {
    for (const option of bracket.options) {
      const list = out.get(option.optionId) ?? [];
      list.push({ ...option, bracketId: bracket.bracketId });
      out.set(option.optionId, list);
    }
  }
  return out;
}

function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

function parseResolution(raw: unknown): BracketResolution | null {
  const parsed = bracketResolutionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The positions a resolution record (current or earlier) kept for an option of its bracket. */
function recordedPositions(
  raw: unknown,
  optionId: string,
): { supportedBy: string[]; opposedBy: string[] } {
  const record = parseResolution(raw);
  const out = { supportedBy: [] as string[], opposedBy: [] as string[] };
  if (!record) return out;
  for (const entry of [record, ...(record.earlier ?? [])]) {
    for (const option of entry.options) {
      if (option.optionId !== optionId) continue;
      out.supportedBy.push(...(option.supportedBy ?? []));
      out.opposedBy.push(...(option.opposedBy ?? []));
    }
  }
  return out;
}

function checkPositions(who: ActingAs, before: FrameworkState, after: FrameworkState): Decision {
  const old = optionsById(before);
  for (const [optionId, list] of optionsById(after)) {
    const previous = old.get(optionId) ?? [];
    for (const [index, option] of list.entries()) {
      const was = previous[index];
      const own = (party: string) => party === who.party;
      if (was) {
        const changed = [
          ...symmetricDifference(was.supportedBy, option.supportedBy),
          ...symmetricDifference(was.opposedBy, option.opposedBy),
        ].filter((party) => !own(party));
        if (changed.length > 0) {
          return refused(
            `a drafter of ${who.party ?? "no party"} cannot record the position of ${changed[0]} on option ${optionId}`,
          );
        }
        continue;
      }
      // A new option: others' positions only as its bracket's resolution record kept them.
      const kept = recordedPositions(before.resolutions.get(option.bracketId), optionId);
      const forged = [
        ...option.supportedBy.filter((p) => !own(p) && !kept.supportedBy.includes(p)),
        ...option.opposedBy.filter((p) => !own(p) && !kept.opposedBy.includes(p)),
      ];
      if (forged.length > 0) {
        return refused(
          `a drafter of ${who.party ?? "no party"} cannot record the position of ${forged[0]} on option ${optionId}`,
        );
      }
    }
  }
  return ALLOWED;
}

function withoutReopened(record: BracketResolution): Omit<BracketResolution, "reopened"> {
  const { reopened: _reopened, ...rest } = record;
  return rest;
}

function withoutEarlier(record: BracketResolution): Omit<BracketResolution, "earlier"> {
  const { earlier: _earlier, ...rest } = record;
  return rest;
}

function writtenAsSelf(who: ActingAs, by: BracketResolution["by"]): boolean {
  return by.party === who.party && (by.role === undefined || by.role === who.role);
}

function checkResolutionRecord(
  who: ActingAs,
  key: string,
  before: FrameworkState,
  after: FrameworkState,
): Decision {
  const raw = after.resolutions.get(key);
  if (raw === undefined) return refused(`a drafter cannot delete the resolution record of ${key}`);
  const record = parseResolution(raw);
  if (!record || record.bracketId !== key) {
    return refused(`bracketResolutions["${key}"] is not a valid resolution record`);
  }
  const previous = before.resolutions.has(key)
    ? parseResolution(before.resolutions.get(key))
    : null;
  if (before.brackets.has(key) && !after.brackets.has(key)) {
    // A resolution, written with the bracket's removal (checked in `checkRemovedBrackets`).
    if (!writtenAsSelf(who, record.by)) {
      return refused(`the resolution of ${key} must be recorded as by the drafter itself`);
    }
    const history = previous ? [...(previous.earlier ?? []), withoutEarlier(previous)] : [];
    if (!sameValue(record.earlier ?? [], history)) {
      return refused(`the resolution of ${key} must keep the bracket's earlier resolutions`);
    }
    return ALLOWED;
  }
  if (after.brackets.has(key) && previous && record.reopened) {
    if (!sameValue(withoutReopened(record), withoutReopened(previous))) {
      return refused(`reopening ${key} may only mark its resolution record reopened`);
    }
    if (!writtenAsSelf(who, record.reopened.by)) {
      return refused(`the reopening of ${key} must be recorded as by the drafter itself`);
    }
    return ALLOWED;
  }
  return refused(`a resolution record of ${key} may only be written with its resolution`);
}

/** The nearest enclosing bracket of `bracket` that leaves the text resolved in this update. */
function resolvedAncestor(
  bracket: BracketState,
  before: FrameworkState,
  gone: ReadonlySet<string>,
  resolvedNow: ReadonlySet<string>,
): string | null {
  let ancestor = bracket.parent;
  while (ancestor !== null) {
    if (gone.has(ancestor) && resolvedNow.has(ancestor)) return ancestor;
    ancestor = before.brackets.get(ancestor)?.parent ?? null;
  }
  return null;
}

/**
 * Whether a drafter may drop `nested` with the resolution of `enclosingId`: every party recorded
 * on the nested bracket, other than the drafter's own, supports the option chosen for the
 * enclosing bracket (otherwise resolving an agreed outer bracket would silently settle a contested
 * inner one).
 */
function mayDropNested(
  who: ActingAs,
  nested: BracketState,
  enclosing: BracketState | undefined,
  after: FrameworkState,
  enclosingId: string,
): Decision {
  const chosenId = parseResolution(after.resolutions.get(enclosingId))?.optionId ?? null;
  const chosen = enclosing?.options.find((o) => o.optionId === chosenId) ?? null;
  const missing = [...partiesRecordedOn(nested)]
    .filter((party) => party !== who.party && !(chosen?.supportedBy.includes(party) ?? false))
    .sort();
  if (missing.length === 0) return ALLOWED;
  return refused(
    `bracket ${nested.bracketId}, nested in ${enclosingId}, is contested: ${missing.join(", ")} ${
      missing.length === 1 ? "does" : "do"
    } not support the option chosen for ${enclosingId}; only a mediator may resolve it this way`,
  );
}

function checkRemovedBrackets(
  who: ActingAs,
  before: FrameworkState,
  after: FrameworkState,
  resolvedNow: ReadonlySet<string>,
): Decision {
  const removed = [...before.brackets.keys()].filter((id) => !after.brackets.has(id));
  const gone = new Set(removed);
  for (const id of removed) {
    const bracket = before.brackets.get(id);
    if (!bracket) continue;
    // Nested in a bracket resolved in this update: it goes with the dropped text, which every
    // party recorded on it must accept by supporting the option chosen for the enclosing one.
    const enclosing = resolvedAncestor(bracket, before, gone, resolvedNow);
    if (enclosing !== null) {
      const decision = mayDropNested(
        who,
        bracket,
        before.brackets.get(enclosing),
        after,
        enclosing,
      );
      if (!decision.allowed) return decision;
      continue;
    }
    const record = resolvedNow.has(id) ? parseResolution(after.resolutions.get(id)) : null;
    const decision = mayResolveBracket(who, bracket, record?.optionId ?? null);
    if (!decision.allowed) return decision;
    if (record && !bracket.options.some((o) => o.optionId === record.optionId)) {
      return refused(`bracket ${id} has no option ${record.optionId}`);
    }
  }
  return ALLOWED;
}

/** Checks everything a drafter's update changed in the framework room beyond plain text. */
export function checkFrameworkChanges(
  who: ActingAs,
  before: FrameworkState,
  after: FrameworkState,
): Decision {
  if (who.role === "mediator") return ALLOWED;
  if (who.role !== "drafter") return refused(`a ${who.role} cannot change the framework text`);
  const settings = changedKeys(before.settings ?? new Map(), after.settings ?? new Map());
  if (settings.length > 0) {
    return refused(`only a mediator may change the framework settings (${settings[0]})`);
  }
  const parties = changedKeys(before.parties, after.parties);
  if (parties.length > 0) {
    return refused(`only a mediator may add, edit or remove parties (${parties[0]})`);
  }
  const positions = checkPositions(who, before, after);
  if (!positions.allowed) return positions;
  for (const key of changedKeys(before.marks ?? new Map(), after.marks ?? new Map())) {
    const ownMark = who.party !== null && key.endsWith(`:${who.party}`);
    if (!ownMark || after.marks?.get(key) !== undefined) {
      return refused(`only a mediator records a position on a party's behalf (${key})`);
    }
  }
  const resolved = new Set<string>();
  for (const key of changedKeys(before.resolutions, after.resolutions)) {
    const decision = checkResolutionRecord(who, key, before, after);
    if (!decision.allowed) return decision;
    if (!after.brackets.has(key)) resolved.add(key);
  }
  return checkRemovedBrackets(who, before, after, resolved);
}

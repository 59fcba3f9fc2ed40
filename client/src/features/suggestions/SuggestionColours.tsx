/**
 * Each party's colour for the suggestions in the text: one CSS rule per party setting
 * `--suggestion` on its marks (`data-party`) and block suggestions (the party inside the
 * `data-suggestion` JSON). Party ids are ids (`ID_PATTERN`) and colours `#rrggbb`, checked again
 * here before they reach the style sheet.
 */
import { isId } from "@parley/shared/model/ids";
import type { Party } from "@parley/shared/model/party";
import { useFrameworkSelector } from "../framework/FrameworkContext.js";

const HEX = /^#[0-9a-fA-F]{6}$/;

export function suggestionColourRules(parties: readonly Party[]): string {
  return parties
    .filter((p) => isId(p.id) && HEX.test(p.colour))
    .map(
      (p) =>
        `.suggestion[data-party="${p.id}"], [data-suggestion*='"party":"${p.id}"'] { --suggestion: ${p.colour}; }`,
    )
    .join("\n");
}

export function SuggestionColours({ parties }: { parties: readonly Party[] }) {
  return <style>{suggestionColourRules(parties)}</style>;
}

/** The rules for the open framework's parties (removed ones too: their suggestions stay). */
export function FrameworkSuggestionColours() {
  const parties = useFrameworkSelector((s) => s.allParties);
  return <SuggestionColours parties={parties} />;
}

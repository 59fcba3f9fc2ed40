/**
 * Test-only: a real comparison made by the shared `compareSnapshots` from two small frameworks:
 * Art. 2's text changed (by Leila, FP) and option “may” of Art. 1's bracket dropped (by Ivan, SP).
 */
import type { Actor } from "@parley/shared/model/actor";
import { bracket, doc, option, p, t, term } from "@parley/shared/test/frameworkFixtures";
import { compareSnapshots } from "@parley/shared/versions/compare";
import type { Comparison } from "@parley/shared/versions/comparison";
import { frameworkSnapshotOf } from "@parley/shared/versions/snapshot";
import { frameworkDoc } from "@parley/shared/versions/testDocs";

export const LEILA: Actor = { name: "Leila Karimi", party: "party-a" };
export const IVAN: Actor = { name: "Ivan Petrov", party: "party-b" };

const o1 = option("o-1", [t("shall")], { proposedBy: "party-a" });
const o2 = option("o-2", [t("should")], { proposedBy: "party-b" });
const o3 = option("o-3", [t("may")]);

export const FROM_JSON = doc(
  term("t-1", [p(t("The Party "), bracket("b-1", [o1, o2, o3]), t(" act."))]),
  term("t-2", [p(t("Sanctions are lifted in phase two."))]),
);

export const TO_JSON = doc(
  term("t-1", [p(t("The Party "), bracket("b-1", [o1, o2]), t(" act."))]),
  term("t-2", [p(t("Sanctions are suspended in phase one."))]),
);

export function testComparison(): Comparison {
  const from = frameworkSnapshotOf(frameworkDoc(FROM_JSON), null);
  const to = frameworkSnapshotOf(frameworkDoc(TO_JSON), null);
  return compareSnapshots(from, to, {
    who: (key) => {
      if (key.kind === "term" && key.termId === "t-2") return [LEILA];
      if (key.kind === "option" && key.optionId === "o-3") return [IVAN];
      return undefined;
    },
  });
}

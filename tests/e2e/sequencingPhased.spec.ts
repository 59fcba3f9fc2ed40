/**
 * Sequencing that fits real agreements, built in the forms by a mediator while a colleague
 * watches in a second browser context: milestones with calendar offsets (a sunset 10 years
 * after signature), a quantified step that ends on the sunset, relief in whole or in part, a
 * guarantee that reinstates it in part after a notification and a dispute stage, and a last step
 * under a nested condition ("provided the relief has not been reinstated"). The colleague's graph
 * and checks follow each change; the nested condition reads back in his form as it was built.
 * The end state is the README's picture (docs/screenshots/sequencing-graph.png).
 */
import { fileURLToPath } from "node:url";
import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import { FP, SP, twoDelegatesInSequencing } from "./support/sequencingView.js";

const screenshotPath = fileURLToPath(
  new URL("../../docs/screenshots/sequencing-graph.png", import.meta.url),
);

const CAPS = "caps its enriched uranium stockpile";
const LIFTS = "lifts the oil and banking embargo";
const ENDS = "terminates the remaining sanctions";

async function basics(form: Locator, actor: string, action: string, phase: string) {
  await form.getByLabel("Actor", { exact: true }).selectOption({ label: actor });
  await form.getByLabel("Action", { exact: true }).fill(action);
  await form.getByLabel("Phase", { exact: true }).fill(phase);
}

test("a mediator builds a phased framework with a sunset, a reversal and a nested condition; a second context sees the graph and the checks follow", async ({
  request,
  serverUrl,
  join,
}) => {
  // Many form fills on a shared two-core machine: a generous bound for the whole story.
  test.setTimeout(300_000);
  const { kofi, a, k } = await twoDelegatesInSequencing(
    request,
    serverUrl,
    join,
    "Phased relief with snapback",
  );
  const reversalEdges = k.graph.locator(".react-flow__edge.seq-edge-reversal");
  const reversalsBefore = await reversalEdges.count();

  // Milestones: a fixed day, a sunset ten calendar years later, a notification event.
  await a.addMilestone("Signature Day", async (form) => {
    await form.getByLabel("Defined by").selectOption({ label: "a fixed date" });
    await form.getByLabel("Date").fill("2028-02-29");
  });
  await a.addMilestone("Sunset Day", async (form) => {
    await form
      .getByLabel("Defined by")
      .selectOption({ label: "a time after or before another milestone" });
    await form.getByLabel("From milestone").selectOption({ label: "Signature Day" });
    await form.getByLabel("Offset: amount").fill("10");
    await form.getByLabel("Offset: unit").selectOption("years");
  });
  await a.addMilestone("Notice of non-performance", async (form) => {
    await form
      .getByLabel("Defined by")
      .selectOption({ label: "another event (a vote, a ratification…)" });
    await form.getByLabel("Event", { exact: true }).fill("A party notifies the Joint Commission");
  });
  // 29 February 2028 + 10 years is 28 February 2038 (no 29th that year), for Kofi too.
  await expect(k.graph.locator(".seq-milestone", { hasText: "Sunset Day" })).toContainText(
    "28 February 2038",
  );

  // Phase 1: a quantified step, taken on Signature Day, that lasts until the sunset.
  await a.newStep(async (form) => {
    await basics(form, FP, CAPS, "Phase 1");
    await form.getByLabel("Extent").selectOption({ label: "a quantity" });
    await form.getByLabel("Quantity: amount").fill("300");
    await form.getByLabel("Quantity: unit").fill("kg");
    await form.getByRole("checkbox", { name: "up to" }).check();
    await form.getByLabel("Taken on: milestone").selectOption({ label: "Signature Day" });
    await form.getByRole("combobox", { name: "Ends", exact: true }).selectOption("until");
    await form.getByLabel("Ends: milestone").selectOption({ label: "Sunset Day" });
  });
  const caps = k.step(CAPS);
  await expect(caps.locator(".seq-chip-end")).toHaveText("lasts until Sunset Day");
  await expect(caps.locator(".seq-chip-extent")).toHaveText("up to 300 kg");

  // Phase 2: relief in whole or in part, once the cap is in place.
  await a.newStep(async (form) => {
    await basics(form, SP, LIFTS, "Phase 2");
    await form.getByLabel("Extent").selectOption({ label: "in whole or in part" });
    await form
      .getByRole("group", { name: "Waits for steps" })
      .getByRole("checkbox", { name: `FP: ${CAPS} · Phase 1` })
      .check();
  });
  await expect(k.step(LIFTS).locator(".seq-chip-extent")).toHaveText("in whole or in part");
  // Nobody verifies the cap yet: Kofi's checks say so.
  await k.tab(/^Problems/);
  await expect(k.problem("unverified-trigger", LIFTS).first()).toBeVisible();

  // The guarantee: after a notice and a Joint Commission stage, the relief is reinstated in part.
  await a.tab("Guarantees");
  await a.page.getByRole("button", { name: "Add guarantee" }).click();
  const g = a.form("New guarantee");
  await g
    .getByLabel("Guarantor: party or named body")
    .selectOption({ label: "Another body (name it)…" });
  await g.getByLabel("Guarantor: name").fill("Group of guarantor states");
  await g.getByLabel("Beneficiary: party or named body").selectOption({ label: FP });
  await g.getByLabel("Obligation", { exact: true }).fill("Snapback of the embargo");
  await g.getByLabel("Trigger", { exact: true }).fill("Significant non-performance");
  await g.getByLabel("Response", { exact: true }).fill("The embargo is reinstated");
  await g.getByRole("checkbox", { name: "When invoked, it reverses steps already taken" }).check();
  await g.getByLabel("Effect").selectOption("reinstate");
  await g
    .getByRole("group", { name: "Reversed steps" })
    .getByRole("checkbox", { name: new RegExp(LIFTS) })
    .check();
  await g.getByLabel(new RegExp(`${LIFTS}.*: in whole or in part$`)).selectOption("part");
  await g.getByLabel(new RegExp(`${LIFTS}.*: which part$`)).fill("the oil embargo");
  await g
    .getByLabel("Started by the notification")
    .selectOption({ label: "Notice of non-performance" });
  await g.getByRole("button", { name: "Add dispute stage" }).click();
  await g.getByLabel("Stage 1: name").fill("Joint Commission");
  await g.getByLabel("Stage 1: amount").fill("15");
  await g.getByRole("button", { name: "Add guarantee" }).click();
  await expect(g).toBeHidden();

  // Kofi's graph: the relief is reversible, and the notice points at it.
  await expect(k.step(LIFTS).locator(".seq-chip-reversible")).toContainText(
    "reinstated by Snapback of the embargo (in part)",
  );
  await expect(reversalEdges).toHaveCount(reversalsBefore + 1);

  // Phase 3: termination, after the relief, provided the relief has not been reinstated — a
  // sub-condition of kind "none of", built in the form.
  await a.newStep(async (form) => {
    await basics(form, SP, ENDS, "Phase 3");
    await form
      .getByRole("group", { name: "Waits for steps" })
      .getByRole("checkbox", { name: `SP: ${LIFTS} · Phase 2` })
      .check();
    await form.getByRole("button", { name: "Add sub-condition", exact: true }).click();
    const sub = form.getByRole("group", { name: "Sub-condition 1", exact: true });
    await sub.getByRole("radio", { name: "none of them has happened (NOT)" }).check();
    await sub
      .getByRole("group", { name: "Reversals invoked" })
      .getByRole("checkbox", { name: /Snapback of the embargo/ })
      .check();
  });
  const ends = k.step(ENDS);
  await expect(ends).toBeVisible();
  await expect(k.graph.locator(".react-flow__edge.seq-edge-negated")).not.toHaveCount(0);

  // Kofi opens the step: the nested condition reads back as built, and stays editable.
  await ends.click();
  const kf = k.form("Edit step");
  const sub = kf.getByRole("group", { name: "Sub-condition 1", exact: true });
  await expect(sub.getByRole("radio", { name: "none of them has happened (NOT)" })).toBeChecked();
  await expect(
    sub.getByRole("group", { name: "Reversals invoked" }).getByRole("checkbox", {
      name: /Snapback of the embargo/,
    }),
  ).toBeChecked();
  await kf.getByRole("button", { name: "Close" }).click();

  // Amira verifies the cap and the relief: Kofi's unverified-trigger warnings about them go.
  await a.tab("Verification");
  await a.page.getByRole("button", { name: "Add mechanism" }).click();
  const m = a.form("New verification mechanism");
  await m.getByLabel("Name", { exact: true }).fill("Agency monitoring");
  await m
    .getByLabel("Verifying body: party or named body")
    .selectOption({ label: "Another body (name it)…" });
  await m.getByLabel("Verifying body: name").fill("Agency");
  await m.getByLabel("What is verified").fill("The stockpile and the embargo");
  const confirms = m.getByRole("group", { name: "Confirms the steps" });
  await confirms.getByRole("checkbox", { name: new RegExp(CAPS) }).check();
  await confirms.getByRole("checkbox", { name: new RegExp(LIFTS) }).check();
  await m.getByRole("button", { name: "Add mechanism" }).click();
  await expect(m).toBeHidden();
  await k.tab(/^Problems/);
  await expect(k.problem("unverified-trigger", LIFTS)).toHaveCount(0);
  await expect(k.problem("unverified-trigger", ENDS)).toHaveCount(0);
  await expect(caps.locator(".seq-chip-verified")).toContainText("Agency");

  // The README's picture: Kofi's view, a little wider than the test's default window.
  await kofi.page.setViewportSize({ width: 1600, height: 960 });
  await expect(k.graph).toHaveAttribute("data-layout", "done");
  await expect(k.graph).toHaveAttribute("data-fitted", "true");
  await kofi.page.screenshot({ path: screenshotPath });
});

/**
 * The sequencing view: a framework from the template opens with its example sequencing drawn and
 * no problems; with two people in one framework (the template's sequencing removed first, so that
 * each test builds its own): a dependency cycle made by two people is
 * flagged for both at once and cleared for both when fixed; the graph draws the steps by phase;
 * invalid input is refused with the
 * accessor's message and nothing is stored; a step reference in the text follows the step live.
 */
import {
  createTemplateFramework,
  createTemplateFrameworkWithoutSequencing,
  expect,
  test,
} from "./support/fixtures.js";
import { FP, SequencingView, SP, twoDelegatesInSequencing } from "./support/sequencingView.js";

// Each test fills many forms in two browsers on a shared machine: a generous bound per test.
test.describe.configure({ timeout: 240_000 });

test("a framework from the template opens with its example sequencing drawn and no problems", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFramework(request, serverUrl, "Template sequencing");
  const amira = await join("Amira Haddad");
  const a = await SequencingView.open(amira, id);
  await expect(a.graph).toHaveAttribute("data-layout", "done");
  // Two steps for each side over two phases, each in the band of its phase.
  await expect(a.graph.locator(".seq-step")).toHaveCount(4);
  for (const [action, phase] of [
    ["halts the listed activities", "Phase 1"],
    ["releases the frozen funds", "Phase 1"],
    ["dismantles the listed facilities", "Phase 2"],
    ["lifts the sanctions on trade", "Phase 2"],
  ] as const) {
    await expect(a.step(action)).toHaveAttribute("data-phase", phase);
  }
  await expect(a.phase("Phase 1")).toBeVisible();
  await expect(a.phase("Phase 2")).toBeVisible();
  await expect(a.graph.locator(".seq-milestone")).toHaveText([
    /Adoption Day/,
    /Implementation Day/,
    /Notification Day/,
    /Phase 2 Day/,
  ]);
  // The verification mechanism links the steps it confirms.
  await expect(a.graph.locator(".react-flow__edge.seq-edge-verification")).not.toHaveCount(0);
  await a.showProblems();
  await expect(
    amira.page.getByRole("status").filter({ hasText: "No problems found" }),
  ).toBeVisible();
  await expect(a.problems).toHaveCount(0);
});

test("a dependency cycle made by two people is flagged for both at once, and fixing it clears it for both", async ({
  request,
  serverUrl,
  join,
}) => {
  const { a, k } = await twoDelegatesInSequencing(
    request,
    serverUrl,
    join,
    "Cycle between two delegations",
  );

  // Kofi (for the Second Party) adds his step; Amira sees it and makes hers wait for it.
  await k.addStep({ actor: SP, action: "lifts the oil embargo", phase: "Phase 2" });
  await expect(a.step("lifts the oil embargo")).toBeVisible();
  await a.addStep({
    actor: FP,
    action: "suspends enrichment above 3.67%",
    phase: "Phase 1",
    waitsFor: ["SP: lifts the oil embargo · Phase 2"],
  });
  await expect(k.step("suspends enrichment above 3.67%")).toBeVisible();
  for (const view of [a, k]) {
    await expect(view.problem("dependency-cycle")).toHaveCount(0);
    await expect(view.graph.locator(".react-flow__edge")).toHaveCount(1);
  }

  // Kofi adds the reverse dependency: each side now waits for the other to move first.
  await k.editStep("lifts the oil embargo", {
    waitsFor: ["FP: suspends enrichment above 3.67% · Phase 1"],
  });
  for (const view of [a, k]) {
    await view.showProblems();
    await expect(view.problem("dependency-cycle")).toBeVisible();
    await expect(view.problem("dependency-cycle")).toContainText("Dependency cycle of 2 steps");
    await expect(view.cycleEdges).toHaveCount(2);
    await expect(view.step("lifts the oil embargo").locator(".seq-badge-error")).toBeVisible();
  }

  // Clicking the problem highlights the two steps involved.
  await a.problem("dependency-cycle").click();
  await expect(a.graph.locator(".seq-step.seq-highlighted")).toHaveCount(2);

  // Amira drops her side of it: the warning disappears for both.
  await a.editStep("suspends enrichment above 3.67%", {
    notWaitingFor: ["SP: lifts the oil embargo · Phase 2"],
  });
  for (const view of [a, k]) {
    await expect(view.problem("dependency-cycle")).toHaveCount(0);
    await expect(view.cycleEdges).toHaveCount(0);
    await expect(view.step("lifts the oil embargo").locator(".seq-badge-error")).toHaveCount(0);
  }
});

test("invalid input is refused with the accessor's message and nothing is stored", async ({
  request,
  serverUrl,
  join,
}) => {
  const { a, k } = await twoDelegatesInSequencing(request, serverUrl, join, "Refused input");
  await a.addMilestone("Adoption Day", async (form) => {
    await form.getByLabel("Defined by").selectOption({ label: "a fixed date" });
    await form.getByLabel("Date").fill("2026-03-01");
  });
  await a.addStep({ actor: FP, action: "declares all facilities", phase: "Phase 1" });
  await expect(k.step("declares all facilities")).toBeVisible();

  // A step depending on itself.
  await a.step("declares all facilities").click();
  await a.fillStep({ waitsFor: ["FP: declares all facilities · Phase 1 (this step)"] });
  await a.form("Edit step").getByRole("button", { name: "Save step" }).click();
  await expect(a.refusal).toContainText("Waits for: a step cannot refer to itself");
  await expect(a.form("Edit step")).toBeVisible();

  // A negative offset.
  await a.fillStep({
    notWaitingFor: ["FP: declares all facilities · Phase 1 (this step)"],
    deadline: { milestone: "Adoption Day", days: "-5" },
  });
  await a.form("Edit step").getByRole("button", { name: "Save step" }).click();
  await expect(a.refusal).toContainText("Deadline: the number of days cannot be negative");

  // A new step without an actor.
  await a.form("Edit step").getByRole("button", { name: "Close" }).click();
  await a.page.locator(".seq-head").getByRole("button", { name: "Add step" }).click();
  await a.fillStep({ action: "acts without an actor" });
  await a.form("New step").getByRole("button", { name: "Add step" }).click();
  await expect(a.refusal).toContainText("Choose the party that acts");

  // Nothing of it was stored: Kofi's view has the step as first written, no deadline, no cycle.
  await k.step("declares all facilities").click();
  const form = k.form("Edit step");
  await expect(form.getByLabel("Deadline: milestone")).toHaveValue("");
  await expect(form.getByRole("checkbox", { name: /\(this step\)/ })).not.toBeChecked();
  await form.getByRole("button", { name: "Close" }).click();
  await expect(k.graph.locator(".seq-step")).toHaveCount(1);
  await k.showProblems();
  await expect(k.problem("dependency-cycle")).toHaveCount(0);
});

test("a step reference in a term's text shows the step's live summary", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFrameworkWithoutSequencing(request, serverUrl, "Step references");
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  const a = await SequencingView.open(amira, id);
  await kofi.open(id);
  await a.addStep({ actor: SP, action: "lifts the oil embargo", phase: "Phase 2" });

  // Amira puts her cursor in the sequencing term, then inserts the reference from the step form.
  await amira.page.getByRole("link", { name: "Text" }).click();
  await amira.editor.getByText("within 60 days of the entry into force").click();
  await amira.page.keyboard.press("End");
  await amira.page.getByRole("link", { name: "Sequencing" }).click();
  await a.step("lifts the oil embargo").click();
  await a.form("Edit step").getByRole("button", { name: "Insert reference in text" }).click();
  await expect(amira.editor).toBeVisible();

  const refA = amira.editor.locator(".step-ref");
  const refK = kofi.editor.locator(".step-ref");
  await expect(refA).toHaveText(/Second Party: lifts the oil embargo/);
  await expect(refK).toHaveText(/Second Party: lifts the oil embargo/);
  await expect.poll(() => kofi.text()).toContain("within 60 days of the entry into force");

  // Amira changes the step: the reference in Kofi's text follows.
  await amira.page.getByRole("link", { name: "Sequencing" }).click();
  await a.editStep("lifts the oil embargo", { action: "lifts the oil and banking embargo" });
  await expect(refK).toHaveText(/Second Party: lifts the oil and banking embargo/);
});

test("the graph draws the steps by phase and actor, with milestones and verification", async ({
  request,
  serverUrl,
  join,
}) => {
  const { a, k } = await twoDelegatesInSequencing(
    request,
    serverUrl,
    join,
    "Framework on Sequencing and Verification",
  );

  await a.addMilestone("Adoption Day", async (form) => {
    await form.getByLabel("Defined by").selectOption({ label: "a fixed date" });
    await form.getByLabel("Date").fill("2026-03-01");
  });
  // The verification mechanism, with a named body.
  await a.page.getByRole("tab", { name: "Verification" }).click();
  await a.page.getByRole("button", { name: "Add mechanism" }).click();
  const mech = a.form("New verification mechanism");
  await mech.getByLabel("Name", { exact: true }).fill("IAEA monitoring");
  await mech
    .getByLabel("Verifying body: party or named body")
    .selectOption({ label: "Another body (name it)…" });
  await mech.getByLabel("Verifying body: name").fill("IAEA");
  await mech.getByLabel("What is verified").fill("Enrichment levels and declared facilities");
  await mech.getByRole("button", { name: "Add mechanism" }).click();
  await expect(mech).toBeHidden();

  // Phase 1: initial actions of both sides.
  await a.addStep({
    actor: FP,
    action: "caps enrichment at 3.67% and declares all facilities",
    phase: "Phase 1",
    takenAt: { milestone: "Adoption Day", days: "0" },
    verifiedBy: "IAEA monitoring",
  });
  await k.addStep({
    actor: SP,
    action: "releases frozen assets held abroad",
    phase: "Phase 1",
    takenAt: { milestone: "Adoption Day", days: "0" },
  });
  await a.addStep({
    actor: FP,
    action: "ships out enriched uranium stockpile",
    phase: "Phase 1",
    waitsFor: ["FP: caps enrichment at 3.67% and declares all facilities · Phase 1"],
    deadline: { milestone: "Adoption Day", days: "60" },
    verifiedBy: "IAEA monitoring",
  });
  // Implementation Day: the IAEA confirms the Phase 1 steps of the First Party.
  await a.addMilestone("Implementation Day", async (form) => {
    await form.getByLabel("Defined by").selectOption({ label: "a verification report" });
    await form.getByLabel("Report of the mechanism").selectOption({ label: "IAEA monitoring" });
    const steps = form.getByRole("group", { name: "…confirming the steps" });
    await steps.getByRole("checkbox", { name: /caps enrichment/ }).check();
    await steps.getByRole("checkbox", { name: /ships out/ }).check();
  });
  // Phase 2 waits for Implementation Day.
  for (const [view, actor, action] of [
    [k, SP, "lifts the oil and banking embargo"],
    [a, FP, "ratifies the Additional Protocol"],
  ] as const) {
    await view.page.locator(".seq-head").getByRole("button", { name: "Add step" }).click();
    await view.fillStep({ actor, action, phase: "Phase 2" });
    await view
      .form("New step")
      .getByRole("group", { name: "Waits for milestones" })
      .getByRole("checkbox", { name: "Implementation Day" })
      .check();
    await view.form("New step").getByRole("button", { name: "Add step" }).click();
    await expect(view.form("New step")).toBeHidden();
  }
  await a.addMilestone("Transition Day", async (form) => {
    await form
      .getByLabel("Defined by")
      .selectOption({ label: "a time after or before another milestone" });
    await form.getByLabel("From milestone").selectOption({ label: "Implementation Day" });
    await form.getByLabel("Offset: amount").fill("365");
  });
  await k.addStep({
    actor: SP,
    action: "terminates remaining financial sanctions",
    phase: "Phase 3",
    waitsFor: ["FP: ratifies the Additional Protocol · Phase 2"],
    takenAt: { milestone: "Transition Day", days: "0" },
  });

  // Both see every step; each step sits inside the band of its phase, phases left to right.
  for (const view of [a, k]) {
    await expect(view.graph.locator(".seq-step")).toHaveCount(6);
    await expect(view.graph).toHaveAttribute("data-layout", "done");
  }
  const phases = ["Phase 1", "Phase 2", "Phase 3"];
  const bands = [];
  for (const label of phases) {
    await expect(a.phase(label)).toBeVisible();
    bands.push((await a.phase(label).boundingBox())!);
  }
  expect(bands[0]!.x + bands[0]!.width).toBeLessThanOrEqual(bands[1]!.x);
  expect(bands[1]!.x + bands[1]!.width).toBeLessThanOrEqual(bands[2]!.x);
  const cards = a.graph.locator(".seq-step");
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const phase = (await card.getAttribute("data-phase"))!;
    const band = bands[phases.indexOf(phase)]!;
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(band.x);
    expect(box.x + box.width).toBeLessThanOrEqual(band.x + band.width + 1);
  }
  // Milestones and the verification links are drawn.
  await expect(a.graph.locator(".seq-milestone")).toHaveCount(3);
  await expect(a.graph.locator(".seq-milestone", { hasText: "Transition Day" })).toContainText(
    "depends on event",
  );
  await expect(a.graph.locator(".react-flow__edge.seq-edge-verification")).toHaveCount(2);

  // Two alternative proposals side by side.
  await a.page.getByRole("button", { name: "+ Proposal" }).click();
  const proposal = a.form("New proposal");
  await proposal.getByLabel("Name", { exact: true }).fill("Proposal A: phased");
  for (const box of await proposal.getByRole("checkbox").all()) await box.check();
  await proposal.getByRole("button", { name: "Add proposal" }).click();
  await a.page.getByRole("button", { name: "+ Proposal" }).click();
  await a.form("New proposal").getByLabel("Name", { exact: true }).fill("Proposal B: simultaneous");
  await a
    .form("New proposal")
    .getByRole("checkbox", { name: /releases frozen assets/ })
    .check();
  await a
    .form("New proposal")
    .getByRole("checkbox", { name: /caps enrichment/ })
    .check();
  await a.form("New proposal").getByRole("button", { name: "Add proposal" }).click();
  await expect(k.page.getByRole("tab", { name: /Proposal B: simultaneous/ })).toBeVisible();
  await a.page.getByRole("tab", { name: /Proposal A: phased/ }).click();
  await expect(a.graph.locator(".seq-step")).toHaveCount(6);
  await a.showProblems();

  await a.page.getByRole("checkbox", { name: "Side by side" }).check();
  await a.page
    .getByLabel("Proposal shown on the right")
    .selectOption({ label: "Proposal B: simultaneous" });
  const right = a.page.getByRole("region", { name: "Sequencing graph: Proposal B: simultaneous" });
  await expect(right.locator(".seq-step")).toHaveCount(2);
});

test("an observer sees the graph and the details of a step, but no forms", async ({
  request,
  serverUrl,
  join,
}) => {
  const id = await createTemplateFrameworkWithoutSequencing(
    request,
    serverUrl,
    "Observed sequencing",
  );
  const amira = await join("Amira Haddad");
  const a = await SequencingView.open(amira, id);
  await a.addStep({ actor: FP, action: "declares all facilities", phase: "Phase 1" });

  // An observer's invite, minted with the e2e server's operator token.
  const adminToken = process.env.PARLEY_E2E_ADMIN_TOKEN;
  expect(adminToken, "run the suite with `pnpm test:e2e`").toBeTruthy();
  const invite = await request.post(`${serverUrl}/api/frameworks/${id}/invites`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { role: "observer", name: "Olga Observer" },
  });
  expect(invite.status()).toBe(201);
  const { token } = (await invite.json()) as { token: string };
  const olga = await join("Olga Observer");
  await olga.visit(`/f/${id}?token=${encodeURIComponent(token)}`);
  await expect(olga.connection).toHaveAttribute("data-connection", "connected");
  await olga.page
    .getByRole("navigation", { name: "Views" })
    .getByRole("link", { name: "Sequencing" })
    .click();
  const o = new SequencingView(olga.page);
  await expect(o.step("declares all facilities")).toBeVisible({ timeout: 60_000 });
  await expect(
    olga.page.locator(".seq-head").getByRole("button", { name: "Add step" }),
  ).toHaveCount(0);
  await expect(olga.page.getByRole("button", { name: "+ Proposal" })).toHaveCount(0);

  await o.step("declares all facilities").click();
  const details = olga.page.getByRole("region", { name: "Step (read only)" });
  await expect(details).toContainText("First Party: declares all facilities");
  await expect(olga.page.locator(".seq-form form, form.seq-form")).toHaveCount(0);

  // Amira's later edit reaches the observer live.
  await a.editStep("declares all facilities", { action: "declares all facilities and stocks" });
  await expect(details).toContainText("First Party: declares all facilities and stocks");
});

/**
 * The sequencing view of one person's page, as the sequencing specs drive it: opening it, finding
 * the graph's steps, phases and edges and the problems list, and filling the step and milestone
 * forms.
 */
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { createTemplateFrameworkWithoutSequencing, expect } from "./fixtures.js";
import type { Participant } from "./participant.js";

/** The template's two parties, as the forms' party choices label them. */
export const FP = "First Party (FP)";
export const SP = "Second Party (SP)";

export class SequencingView {
  constructor(readonly page: Page) {}

  static async open(person: Participant, frameworkId: string): Promise<SequencingView> {
    await person.open(frameworkId);
    await person.page
      .getByRole("navigation", { name: "Views" })
      .getByRole("link", { name: "Sequencing" })
      .click();
    const view = new SequencingView(person.page);
    // The view's code (ELK, React Flow) loads on first use: a generous bound on a busy machine.
    await expect(view.graph).toBeVisible({ timeout: 60_000 });
    return view;
  }

  get graph(): Locator {
    return this.page.getByRole("region", { name: /^Sequencing graph/ }).first();
  }

  step(action: string): Locator {
    return this.graph.locator(".seq-step", { hasText: action });
  }

  phase(label: string): Locator {
    return this.graph.locator(`.seq-phase[data-phase-label="${label}"]`);
  }

  get cycleEdges(): Locator {
    return this.graph.locator(".react-flow__edge.seq-edge-cycle");
  }

  get problems(): Locator {
    return this.page.getByRole("list", { name: "Sequencing problems" });
  }

  /** The problems of one check (`data-code`), those about `text` if given. */
  problem(code: string, text?: string): Locator {
    return this.page.locator(
      `.seq-problem[data-code="${code}"]`,
      text === undefined ? {} : { hasText: text },
    );
  }

  form(name: RegExp | string): Locator {
    return this.page.getByRole("form", { name });
  }

  get refusal(): Locator {
    return this.page.locator(".seq-form").getByRole("alert");
  }

  async tab(name: RegExp | string): Promise<void> {
    await this.page.getByRole("tab", { name }).click();
  }

  async showProblems(): Promise<void> {
    await this.tab(/^Problems/);
  }

  /** Fills the step form (new or open) and submits it. */
  async fillStep(fields: {
    actor?: string;
    action?: string;
    phase?: string;
    waitsFor?: string[];
    notWaitingFor?: string[];
    deadline?: { milestone: string; days: string };
    takenAt?: { milestone: string; days: string };
    verifiedBy?: string;
  }): Promise<void> {
    const form = this.form(/^(New|Edit) step$/);
    await expect(form).toBeVisible();
    if (fields.actor)
      await form.getByLabel("Actor", { exact: true }).selectOption({ label: fields.actor });
    if (fields.action) await form.getByLabel("Action", { exact: true }).fill(fields.action);
    if (fields.phase) await form.getByLabel("Phase", { exact: true }).fill(fields.phase);
    const waits = form.getByRole("group", { name: "Waits for steps" });
    for (const label of fields.waitsFor ?? []) {
      await waits.getByRole("checkbox", { name: label }).check();
    }
    for (const label of fields.notWaitingFor ?? []) {
      await waits.getByRole("checkbox", { name: label }).uncheck();
    }
    for (const key of ["deadline", "takenAt"] as const) {
      const time = fields[key];
      if (!time) continue;
      const legend = key === "deadline" ? "Deadline" : "Taken on";
      await form.getByLabel(`${legend}: milestone`).selectOption({ label: time.milestone });
      await form.getByLabel(`${legend}: amount`).fill(time.days);
    }
    if (fields.verifiedBy) {
      await form.getByLabel("Verified by").selectOption({ label: fields.verifiedBy });
    }
  }

  /** Opens the new step form, lets `fill` fill it, and adds the step. */
  async newStep(fill: (form: Locator) => Promise<void>): Promise<void> {
    await this.page.locator(".seq-head").getByRole("button", { name: "Add step" }).click();
    const form = this.form("New step");
    await fill(form);
    await form.getByRole("button", { name: "Add step" }).click();
    await expect(form).toBeHidden();
  }

  /** Adds a step with these fields; the step then shows in the graph. */
  async addStep(fields: Parameters<SequencingView["fillStep"]>[0]): Promise<void> {
    await this.newStep(() => this.fillStep(fields));
    if (fields.action) await expect(this.step(fields.action)).toBeVisible();
  }

  async editStep(action: string, fields: Parameters<SequencingView["fillStep"]>[0]): Promise<void> {
    await this.step(action).click();
    await this.fillStep(fields);
    await this.form("Edit step").getByRole("button", { name: "Save step" }).click();
    await expect(this.form("Edit step")).toBeHidden();
  }

  async addMilestone(name: string, define: (form: Locator) => Promise<void>): Promise<void> {
    await this.page.locator(".seq-head").getByRole("button", { name: "Add milestone" }).click();
    const form = this.form("New milestone");
    await form.getByLabel("Name", { exact: true }).fill(name);
    await define(form);
    await form.getByRole("button", { name: "Add milestone" }).click();
    await expect(form).toBeHidden();
  }
}

/** Two delegates in one framework, each in its sequencing view. */
export interface TwoDelegates {
  id: string;
  amira: Participant;
  kofi: Participant;
  a: SequencingView;
  k: SequencingView;
}

/**
 * The sequencing specs' common start: a framework from the template without its sequencing
 * (`title`), with Amira and Kofi each in its sequencing view.
 */
export async function twoDelegatesInSequencing(
  request: APIRequestContext,
  serverUrl: string,
  join: (name: string) => Promise<Participant>,
  title: string,
): Promise<TwoDelegates> {
  const id = await createTemplateFrameworkWithoutSequencing(request, serverUrl, title);
  const amira = await join("Amira Haddad");
  const kofi = await join("Kofi Mensah");
  const a = await SequencingView.open(amira, id);
  const k = await SequencingView.open(kofi, id);
  return { id, amira, kofi, a, k };
}

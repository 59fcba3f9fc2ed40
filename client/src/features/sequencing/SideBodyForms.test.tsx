/**
 * The "Sides & bodies" forms and a mechanism's reporting period and reversal, filled as a person
 * does (labels, checkboxes, submit) and checked against what lands in the framework Y.Doc through
 * the shared store functions; refusals show the message and store nothing.
 */
import {
  addBody,
  addMilestone,
  addSide,
  addStep,
  readSnapshot,
} from "@parley/shared/sequencing/index";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as Y from "yjs";
import { frameworkDoc, must, writeOptions } from "../../test/sequencingDoc.js";
import { readFrameworkContext } from "./frameworkContext.js";
import { MechanismForm } from "./MechanismForm.js";
import { BodyForm, SideForm } from "./SideBodyForms.js";
import { computeState } from "./sequencingStore.js";

afterEach(cleanup);

const stateOf = (doc: Y.Doc) => computeState(readSnapshot(doc), readFrameworkContext(doc));
const writerOf = (doc: Y.Doc) => ({ doc, options: writeOptions(doc) });

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
const submit = (name: string) => fireEvent.click(screen.getByRole("button", { name }));

describe("side form", () => {
  it("adds a side with the parties ticked and closes", () => {
    const doc = frameworkDoc();
    const onClose = vi.fn();
    render(<SideForm state={stateOf(doc)} writer={writerOf(doc)} side={null} onClose={onClose} />);
    type("Name", "  E3/EU+3 ");
    fireEvent.click(screen.getByRole("checkbox", { name: "First Party (FP)" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Agency (AG)" }));
    submit("Add side");
    const sides = readSnapshot(doc).sides;
    expect(sides).toHaveLength(1);
    expect(sides[0]).toMatchObject({ name: "E3/EU+3", partyIds: ["pa", "ver"] });
    expect(onClose).toHaveBeenCalledOnce();
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("refuses a side with no party and one with an empty name, storing nothing", () => {
    const doc = frameworkDoc();
    const onClose = vi.fn();
    render(<SideForm state={stateOf(doc)} writer={writerOf(doc)} side={null} onClose={onClose} />);
    type("Name", "Guarantors");
    submit("Add side");
    expect(screen.getByRole("alert").textContent).toMatch(/^Not saved — Choose the parties/);
    expect(readSnapshot(doc).sides).toHaveLength(0);

    type("Name", "   ");
    fireEvent.click(screen.getByRole("checkbox", { name: "First Party (FP)" }));
    submit("Add side");
    expect(screen.getByRole("alert").textContent).toBe("Not saved — Give the side a name.");
    expect(readSnapshot(doc).sides).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("marks a party already in another side and refuses putting it in a second one", () => {
    const doc = frameworkDoc();
    must(addSide(doc, { name: "Bloc A", partyIds: ["pa"] }, writeOptions(doc)));
    const onClose = vi.fn();
    render(<SideForm state={stateOf(doc)} writer={writerOf(doc)} side={null} onClose={onClose} />);
    const taken = screen.getByRole("checkbox", { name: "First Party (FP) — in Bloc A" });
    type("Name", "Bloc B");
    fireEvent.click(taken);
    submit("Add side");
    expect(screen.getByRole("alert").textContent).toMatch(
      /^Not saved — Parties of this side: this party is already on the side "Bloc A"/,
    );
    expect(readSnapshot(doc).sides.map((s) => s.name)).toEqual(["Bloc A"]);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("edits a side in place (same id) and removes it after confirming", () => {
    const doc = frameworkDoc();
    const side = must(addSide(doc, { name: "Bloc", partyIds: ["pa"] }, writeOptions(doc)));
    const onClose = vi.fn();
    render(<SideForm state={stateOf(doc)} writer={writerOf(doc)} side={side} onClose={onClose} />);
    expect(screen.getByLabelText<HTMLInputElement>("Name").value).toBe("Bloc");
    type("Name", "Western bloc");
    fireEvent.click(screen.getByRole("checkbox", { name: "First Party (FP)" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Second Party (SP)" }));
    submit("Save side");
    expect(readSnapshot(doc).sides).toEqual([
      expect.objectContaining({ id: side.id, name: "Western bloc", partyIds: ["pb"] }),
    ]);
    expect(onClose).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole("button", { name: "Remove" }));
    expect(readSnapshot(doc).sides).toHaveLength(1);
    const dialog = screen.getByRole("alertdialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(readSnapshot(doc).sides).toHaveLength(0);
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe("body form", () => {
  it("adds a body with its kind and description", () => {
    const doc = frameworkDoc();
    const onClose = vi.fn();
    render(<BodyForm state={stateOf(doc)} writer={writerOf(doc)} body={null} onClose={onClose} />);
    type("Name", "UN Security Council");
    fireEvent.change(screen.getByLabelText("Kind of body"), {
      target: { value: "security-council" },
    });
    type("Description", "Endorses the plan by resolution.");
    submit("Add body");
    expect(readSnapshot(doc).bodies).toEqual([
      expect.objectContaining({
        name: "UN Security Council",
        kind: "security-council",
        description: "Endorses the plan by resolution.",
      }),
    ]);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("refuses an empty name with the message shown, nothing stored", () => {
    const doc = frameworkDoc();
    const onClose = vi.fn();
    render(<BodyForm state={stateOf(doc)} writer={writerOf(doc)} body={null} onClose={onClose} />);
    type("Description", "nameless");
    submit("Add body");
    expect(screen.getByRole("alert").textContent).toBe("Not saved — Give the body a name.");
    expect(readSnapshot(doc).bodies).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("edits a body, keeping its id", () => {
    const doc = frameworkDoc();
    const body = must(addBody(doc, { name: "JC", kind: "joint-commission" }, writeOptions(doc)));
    render(<BodyForm state={stateOf(doc)} writer={writerOf(doc)} body={body} onClose={() => {}} />);
    expect(screen.getByLabelText<HTMLSelectElement>("Kind of body").value).toBe("joint-commission");
    type("Name", "Joint Commission");
    fireEvent.change(screen.getByLabelText("Kind of body"), {
      target: { value: "verifying-agency" },
    });
    submit("Save body");
    expect(readSnapshot(doc).bodies).toEqual([
      expect.objectContaining({ id: body.id, name: "Joint Commission", kind: "verifying-agency" }),
    ]);
  });
});

describe("mechanism form: reporting period and reversal", () => {
  function setup() {
    const doc = frameworkDoc();
    const o = writeOptions(doc);
    const day = must(
      addMilestone(
        doc,
        { name: "Implementation Day", definition: { kind: "fixed", date: "2026-06-01" } },
        o,
      ),
    );
    const step = must(addStep(doc, { actorPartyId: "pb", action: "lifts sanctions" }, o));
    const onClose = vi.fn();
    render(
      <MechanismForm
        state={stateOf(doc)}
        writer={writerOf(doc)}
        mechanism={null}
        onClose={onClose}
      />,
    );
    type("Name", "IAEA monitoring");
    fireEvent.change(screen.getByLabelText("Verifying body: party or named body"), {
      target: { value: "ver" },
    });
    type("What is verified", "enrichment limits");
    return { doc, day, step, onClose };
  }

  it("stores no reporting period until a milestone is chosen, then the one typed", () => {
    const { doc, day, onClose } = setup();
    expect(screen.getByLabelText<HTMLInputElement>("Every: amount").disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("Reports due from"), { target: { value: day.id } });
    type("Every: amount", "6");
    fireEvent.change(screen.getByLabelText("Every: unit"), { target: { value: "months" } });
    submit("Add mechanism");
    expect(readSnapshot(doc).mechanisms).toEqual([
      expect.objectContaining({
        name: "IAEA monitoring",
        body: { kind: "party", partyId: "ver" },
        reporting: { fromMilestoneId: day.id, every: { years: 0, months: 6, days: 0 } },
        reversal: null,
      }),
    ]);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("refuses a negative or zero reporting period, storing nothing", () => {
    const { doc, day, onClose } = setup();
    fireEvent.change(screen.getByLabelText("Reports due from"), { target: { value: day.id } });
    type("Every: amount", "-3");
    submit("Add mechanism");
    expect(screen.getByRole("alert").textContent).toBe(
      "Not saved — Reporting period: months must not be negative.",
    );
    expect(readSnapshot(doc).mechanisms).toHaveLength(0);

    type("Every: amount", "0");
    submit("Add mechanism");
    expect(screen.getByRole("alert").textContent).toBe(
      "Not saved — Reporting period: a reporting period must not be zero.",
    );
    expect(readSnapshot(doc).mechanisms).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });

  it("stores a reversal terminating a step in part, with a notification and a dispute stage", () => {
    const { doc, day, step } = setup();
    fireEvent.click(
      screen.getByRole("checkbox", { name: "When invoked, it reverses steps already taken" }),
    );
    fireEvent.change(screen.getByLabelText("Effect"), { target: { value: "terminate" } });
    const reversal = screen.getByRole("group", { name: "Reversal" });
    fireEvent.click(within(reversal).getByRole("checkbox", { name: /lifts sanctions/ }));
    fireEvent.change(within(reversal).getByLabelText(/lifts sanctions.*: in whole or in part$/), {
      target: { value: "part" },
    });
    fireEvent.change(within(reversal).getByLabelText(/lifts sanctions.*: which part$/), {
      target: { value: "the oil embargo" },
    });
    fireEvent.change(screen.getByLabelText("Started by the notification"), {
      target: { value: day.id },
    });
    fireEvent.click(screen.getByRole("button", { name: "Add dispute stage" }));
    type("Stage 1: name", "Joint Commission");
    type("Stage 1: amount", "30");
    submit("Add mechanism");
    expect(readSnapshot(doc).mechanisms[0]?.reversal).toEqual({
      effect: "terminate",
      steps: [{ stepId: step.id, extent: "part", note: "the oil embargo" }],
      notificationMilestoneId: day.id,
      stages: [{ name: "Joint Commission", within: { years: 0, months: 0, days: 30 } }],
    });
  });

  it("refuses a reversal of no steps, storing nothing", () => {
    const { doc, onClose } = setup();
    fireEvent.click(
      screen.getByRole("checkbox", { name: "When invoked, it reverses steps already taken" }),
    );
    submit("Add mechanism");
    expect(screen.getByRole("alert").textContent).toBe(
      "Not saved — Reversed steps: a reversal names at least one step.",
    );
    expect(readSnapshot(doc).mechanisms).toHaveLength(0);
    expect(onClose).not.toHaveBeenCalled();
  });
});

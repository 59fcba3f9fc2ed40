/**
 * Sequencing that fits real agreements, end to end: a framework built through the store functions
 * (sides, bodies as actors, a public act, calendar offsets, partial relief, a reporting period, a
 * guarantee that reverses steps with dispute stages, a negated condition) by a real y-websocket
 * client survives a round trip through a real server process (a fresh client reads the same
 * snapshot after the writer has gone), and exports to DOCX and PDF with the new annexes under a
 * chosen prefix ("Schedule"), parsed back (DOCX unzipped, PDF through pdftotext).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATABASE_FILE } from "@parley/server";
import { silentLogger } from "@parley/server/core/types";
import { storageLoader } from "@parley/server/export/loadFramework";
import { createExportApp } from "@parley/server/export/standaloneApp";
import type { DocumentStorage } from "@parley/server/storage/documentStorage";
import { openSqliteStorage } from "@parley/server/storage/sqliteStorage";
import { partiesMap } from "@parley/shared/model/maps";
import type { Party } from "@parley/shared/model/party";
import type { SequencingContext } from "@parley/shared/sequencing/context";
import {
  addBody,
  addGuarantee,
  addMechanism,
  addMilestone,
  addSide,
  addStep,
  addStepCondition,
  checkAll,
  readSnapshot,
  type SequencingResult,
} from "@parley/shared/sequencing/index";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { connectClient, waitForDocs, waitForSynced } from "../helpers/syncClient.js";
import { createFramework, startTestServer, type TestServer } from "../helpers/testServer.js";

const party = (id: string, name: string, role: Party["role"]): Party => ({
  id,
  name,
  shortName: name.slice(0, 3).toUpperCase(),
  colour: "#1f5fa8",
  kind: "state",
  role,
  removedAt: null,
});

const PARTIES: Party[] = [
  party("fr", "France", "party"),
  party("de", "Germany", "party"),
  party("ir", "Iran", "party"),
];
const CONTEXT: SequencingContext = {
  parties: PARTIES.map((p) => ({ id: p.id, name: p.name, role: p.role })),
  termIds: [],
};
const opts = { actor: { name: "Mediator", party: null }, context: CONTEXT };

function ok<T>(r: SequencingResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Builds the framework through the store functions only. */
function build(doc: Y.Doc): void {
  doc.transact(() => {
    for (const p of PARTIES) partiesMap(doc).set(p.id, p);
  });
  ok(addSide(doc, { id: "e3", name: "E3", partyIds: ["fr", "de"] }, opts));
  ok(addSide(doc, { id: "iran", name: "Iran side", partyIds: ["ir"] }, opts));
  ok(addBody(doc, { id: "jc", name: "Joint Commission", kind: "joint-commission" }, opts));
  ok(addBody(doc, { id: "unsc", name: "Security Council", kind: "security-council" }, opts));
  ok(addBody(doc, { id: "agency", name: "The Agency", kind: "verifying-agency" }, opts));
  ok(
    addMilestone(
      doc,
      { id: "adoption", name: "Adoption Day", definition: { kind: "fixed", date: "2015-10-18" } },
      opts,
    ),
  );
  ok(
    addMechanism(
      doc,
      {
        id: "mon",
        name: "Agency monitoring",
        body: { kind: "body", bodyId: "agency" },
        verifies: "the nuclear-related steps",
        reporting: { fromMilestoneId: "adoption", every: { years: 0, months: 3, days: 0 } },
      },
      opts,
    ),
  );
  ok(
    addStep(
      doc,
      {
        id: "s-cap",
        number: "4",
        actorPartyId: "ir",
        action: "caps enrichment",
        phase: "Phase 1",
        extent: { kind: "quantity", amount: 300, unit: "kg of enriched uranium", upTo: true },
        end: { kind: "duration", duration: { years: 15, months: 0, days: 0 } },
        mechanismId: "mon",
        takenAt: { milestoneId: "adoption", offsetDays: 0, offsetMonths: 3 },
      },
      opts,
    ),
  );
  ok(
    addStep(
      doc,
      {
        id: "s-cent",
        number: "5",
        actorPartyId: "ir",
        action: "removes centrifuges",
        phase: "Phase 1",
        mechanismId: "mon",
        takenAt: { milestoneId: "adoption", offsetDays: 0, offsetMonths: 3 },
      },
      opts,
    ),
  );
  ok(
    addMilestone(
      doc,
      {
        id: "impl",
        name: "Implementation Day",
        definition: {
          kind: "event",
          event: { type: "verification-report", mechanismId: "mon", stepIds: ["s-cap", "s-cent"] },
        },
      },
      opts,
    ),
  );
  ok(
    addMilestone(
      doc,
      {
        id: "notice",
        name: "Notification Day",
        definition: {
          kind: "event",
          event: {
            type: "external",
            description: "a participant notifies significant non-performance",
          },
        },
      },
      opts,
    ),
  );
  ok(
    addStep(
      doc,
      {
        id: "s-res",
        actors: [{ kind: "body", bodyId: "unsc" }],
        action: "adopts a resolution endorsing the plan",
        publicAct: true,
        phase: "Phase 1",
        takenAt: { milestoneId: "adoption", offsetDays: 0 },
      },
      opts,
    ),
  );
  ok(
    addStep(
      doc,
      {
        id: "s-lift",
        actors: [
          { kind: "party", partyId: "fr" },
          { kind: "party", partyId: "de" },
        ],
        action: "lift the economic sanctions",
        phase: "Phase 2",
        extent: { kind: "whole-or-part" },
        takenAt: { milestoneId: "impl", offsetDays: 0 },
        preconditions: { kind: "verification", mechanismId: "mon", stepIds: ["s-cap", "s-cent"] },
      },
      opts,
    ),
  );
  ok(
    addStepCondition(
      doc,
      "s-lift",
      [],
      { kind: "none-of", of: [{ kind: "milestone", milestoneId: "notice" }] },
      opts,
    ),
  );
  ok(
    addGuarantee(
      doc,
      {
        id: "snap",
        guarantor: { kind: "body", bodyId: "unsc" },
        beneficiary: { kind: "party", partyId: "fr" },
        obligation: "reimposes the earlier resolutions",
        trigger: "unresolved significant non-performance",
        response: "snapback of the lifted measures",
        nature: "binding",
        reversal: {
          effect: "reinstate",
          steps: [{ stepId: "s-lift", extent: "part", note: "the oil embargo" }],
          notificationMilestoneId: "notice",
          stages: [
            { name: "Joint Commission", within: { years: 0, months: 0, days: 15 } },
            { name: "Ministers", within: { years: 0, months: 0, days: 15 } },
          ],
        },
      },
      opts,
    ),
  );
}

let server: TestServer;
let storage: DocumentStorage;
let exportServer: Server;
let exportUrl: string;
let frameworkId: string;
let scratch: string;
let built: ReturnType<typeof readSnapshot>;
let token: string | undefined;

beforeAll(async () => {
  server = await startTestServer();
  const created = await createFramework(server.url, "Sequencing round trip");
  frameworkId = created.id;
  token = "token" in created ? String(created.token) : undefined;
  const writer = connectClient(server.syncUrl, frameworkId, { token });
  const observer = connectClient(server.syncUrl, frameworkId, { token });
  await Promise.all([writer, observer].map((c) => waitForSynced(c.provider)));
  build(writer.doc);
  built = readSnapshot(writer.doc);
  await waitForDocs(
    [observer.doc],
    () => JSON.stringify(readSnapshot(observer.doc)) === JSON.stringify(built),
    "the observer to receive the sequencing",
  );
  writer.destroy();
  observer.destroy();
  storage = openSqliteStorage(join(server.dataDir, DATABASE_FILE));
  const app = createExportApp(
    { loadFramework: storageLoader(storage), checkAccess: () => {} },
    silentLogger,
  );
  exportServer = createServer(app);
  await new Promise<void>((resolve) => exportServer.listen(0, "127.0.0.1", resolve));
  exportUrl = `http://127.0.0.1:${(exportServer.address() as AddressInfo).port}`;
  scratch = mkdtempSync(join(tmpdir(), "parley-seq-test-"));
});

afterAll(async () => {
  await new Promise((resolve) => exportServer.close(resolve));
  await storage.close();
  await server.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

const get = (query: string) => fetch(`${exportUrl}/api/frameworks/${frameworkId}/export?${query}`);

describe("sequencing that fits real agreements, through the server", () => {
  it("survives a round trip: a fresh client reads the same records, valid, and the same checks", async () => {
    const reader = connectClient(server.syncUrl, frameworkId, { token });
    await waitForSynced(reader.provider);
    const read = readSnapshot(reader.doc);
    reader.destroy();
    expect(read).toEqual(built);
    expect(read.invalid).toEqual([]);
    expect(read.sides.map((s) => s.name)).toEqual(["E3", "Iran side"]);
    expect(read.bodies.map((b) => b.name).sort()).toEqual([
      "Joint Commission",
      "Security Council",
      "The Agency",
    ]);
    const lift = read.steps.find((s) => s.id === "s-lift")!;
    expect(lift.extent).toEqual({ kind: "whole-or-part" });
    expect(lift.preconditions?.kind).toBe("all-of");
    expect(read.guarantees[0]?.reversal?.stages).toHaveLength(2);
    expect(read.mechanisms[0]?.reporting?.every.months).toBe(3);
    // Verified triggers (the public act needs no verifier), the reversal has its trigger; the
    // phases are weighed by side (the Security Council's step counts for no side).
    expect(checkAll(read, CONTEXT).map((p) => p.message)).toEqual([
      "Phase “Phase 1” is one-sided: Iran side gives 2 steps; E3 gives nothing",
      "Phase “Phase 2” is one-sided: E3 gives 1 step; Iran side gives nothing",
    ]);
  });

  it("exports to DOCX with the milestone annex, numbered steps, summarised conditions and the chosen prefix", async () => {
    const response = await get("format=docx&annexPrefix=Schedule");
    expect(response.status).toBe(200);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const document = new TextDecoder().decode(files["word/document.xml"]);
    const text = [...document.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join("|");
    for (const label of ["SCHEDULE I|", "SCHEDULE II|", "SCHEDULE III|", "SCHEDULE IV|"]) {
      expect(text.toUpperCase()).toContain(label);
    }
    expect(text.toUpperCase()).not.toContain("ANNEX");
    expect(text).toContain("Milestones");
    expect(text).toContain("18 October 2015");
    expect(text).toContain("18 January 2016"); // Adoption Day + 3 months, computed
    expect(text).toContain("S4");
    expect(text).toContain("upon the verification report of Agency monitoring on steps S4 and S5");
    expect(text).toContain("up to 300 kg of enriched uranium");
    expect(text).toContain("for 15 years");
    expect(text).toContain("in whole or in part");
    expect(text).toContain("Public act (no verifier needed)");
    expect(text).toContain("France and Germany");
    expect(text).toContain(
      "Reinstates in part step S2 (the oil embargo); started by Notification Day",
    );
    expect(text).toContain("Joint Commission (15 days)");
    expect(text).toContain("quarterly from “Adoption Day”");
  });

  it("exports to PDF with the same annexes (pdftotext)", async () => {
    const response = await get("format=pdf&annexPrefix=Schedule");
    expect(response.status).toBe(200);
    const file = join(scratch, "seq.pdf");
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toMatch(/SCHEDULE IV/i);
    expect(flat).toContain("Implementation Day");
    expect(flat).toContain("18 October 2015");
    expect(flat).toContain("lift the economic sanctions");
    expect(flat).toContain("Security Council");
  });

  it("refuses a hostile annex prefix", async () => {
    const response = await get(`format=md&annexPrefix=${encodeURIComponent("<script>")}`);
    expect(response.status).toBe(400);
  });
});

/** Test-only: an export source over the fixture text, and its model with given options. */

import { buildExportModel, type ExportSource } from "../../export/buildModel.js";
import type { ExportModel } from "../../export/model.js";
import type { ExportOptions } from "../../export/options.js";
import { versionStamp } from "../../export/version.js";
import { EMPTY_SNAPSHOT } from "../../sequencing/snapshot.js";
import { FIXTURE_DOC, FIXTURE_PARTIES, FIXTURE_THREADS } from "./fixtures.js";

export const FIXTURE_SOURCE: ExportSource = {
  title: "Stored title",
  version: versionStamp("2026-11-24T16:45:00.000Z", new Uint8Array([1, 2, 3])),
  doc: FIXTURE_DOC,
  parties: FIXTURE_PARTIES,
  termStatuses: new Map([["t-one", "agreedAdReferendum"]]),
  threads: FIXTURE_THREADS,
  sequencing: EMPTY_SNAPSHOT,
};

export const ALL_ON: Omit<ExportOptions, "format"> = {
  text: "brackets",
  comments: true,
  annexes: true,
  nonPaper: false,
};

export function fixtureModel(options: Partial<Omit<ExportOptions, "format">> = {}): ExportModel {
  return buildExportModel(FIXTURE_SOURCE, { ...ALL_ON, ...options });
}

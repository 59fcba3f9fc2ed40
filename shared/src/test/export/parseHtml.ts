/// <reference path="../jsdom-node20.d.ts" />
/** Test-only: parses exported HTML with jsdom (jsdom 26, which runs on Node 20). */
import { JSDOM } from "jsdom-node20";

export function parseHtml(html: string): Document {
  return new JSDOM(html).window.document;
}

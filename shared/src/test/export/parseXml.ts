/// <reference path="../jsdom-node20.d.ts" />
/**
 * Test-only: parses XML strictly (jsdom's XML parser, saxes, which refuses every character XML
 * 1.0 forbids). Throws with the parser's message when the text is not well-formed XML.
 */
import { JSDOM } from "jsdom-node20";

export function parseXml(xml: string): Document {
  const { DOMParser } = new JSDOM("").window;
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  const error = doc.getElementsByTagName("parsererror")[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ""}`);
  return doc;
}

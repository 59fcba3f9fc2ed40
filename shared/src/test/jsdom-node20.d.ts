/** Minimal typings of jsdom 26 imported under the alias `jsdom-node20` (see dom.ts). */
declare module "jsdom-node20" {
  export class JSDOM {
    constructor(html?: string, options?: { pretendToBeVisual?: boolean; url?: string });
    readonly window: Window & typeof globalThis;
  }
}

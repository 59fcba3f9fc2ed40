/**
 * The framework text of a Y.Doc as a ProseMirror document, for the write gate's suggestion rule,
 * read WITHOUT writing to the doc (y-tiptap's `yXmlFragmentToProseMirrorRootNode` deletes content
 * the schema cannot hold while it converts, and opens transactions; neither may happen on a room's
 * document or its shadow). Items are read directly.
 *
 * Each top-level block's node is kept until a transaction changes something inside it (the doc's
 * `afterTransaction`), so converting a long document after a keystroke rebuilds one block, and the
 * unchanged blocks are the same objects before and after (the rule compares them by identity
 * first).
 *
 * What the schema cannot hold (an unknown node or mark, bad attributes, content a node does not
 * accept) is left out and reported as a problem keyed by the Yjs item, so that the gate can refuse
 * an update that adds such content while tolerating what was there before.
 */

import { documentFragment } from "@parley/shared/model/maps";
import { documentExtensions } from "@parley/shared/schema/extensions";
import { getSchema } from "@tiptap/core";
import { Fragment, type Mark, type Node as PMNode, type Schema } from "@tiptap/pm/model";
import * as Y from "yjs";

let cachedSchema: Schema | null = null;

export function gateSchema(): Schema {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

/** y-prosemirror's key of an overlapping mark: `name--<8 characters of hash>`. */
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

function markName(key: string): string {
  return HASHED_MARK.exec(key)?.[1] ?? key;
}

function itemKey(type: { _item: Y.Item | null }): string {
  const item = type._item;
  return item ? `${item.id.client}:${item.id.clock}` : "root";
}

interface Converted {
  node: PMNode | null;
  problems: string[];
}

function marksOf(
  attributes: ReadonlyMap<string, unknown>,
  schema: Schema,
  problems: string[],
  where: string,
): Mark[] {
  const marks: Mark[] = [];
  for (const [key, value] of attributes) {
    const type = schema.marks[markName(key)];
    if (!type) {
      problems.push(`${where}: format "${key.slice(0, 40)}"`);
      continue;
    }
    try {
      // y-prosemirror stores a mark's attributes; anything else reads as the defaults, as there.
      const attrs = typeof value === "object" && !Array.isArray(value) ? value : null;
      marks.push(type.create(attrs as Record<string, unknown> | null));
    } catch {
      problems.push(`${where}: mark "${key.slice(0, 40)}"`);
    }
  }
  return marks;
}

function textNodes(text: Y.XmlText, schema: Schema, problems: string[]): PMNode[] {
  const where = itemKey(text);
  const nodes: PMNode[] = [];
  const attributes = new Map<string, unknown>();
  let run = "";
  let marks: Mark[] | null = null;
  const flush = () => {
    if (run.length > 0) nodes.push(schema.text(run, marks ?? []));
    run = "";
  };
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      flush();
      marks = null;
      if (content.value === null) attributes.delete(content.key);
      else attributes.set(content.key, content.value);
      continue;
    }
    if (content instanceof Y.ContentString) {
      marks ??= marksOf(attributes, schema, problems, where);
      run += content.str;
      continue;
    }
    problems.push(`${where}: an embed in the text`);
  }
  flush();
  return nodes;
}

function elementNode(element: Y.XmlElement, schema: Schema, problems: string[]): PMNode | null {
  const where = itemKey(element);
  const type = schema.nodes[element.nodeName];
  if (!type || type.name === "text" || type.name === schema.topNodeType.name) {
    problems.push(`${where}: node "${element.nodeName.slice(0, 40)}"`);
    return null;
  }
  const children: PMNode[] = [];
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) children.push(...textNodes(child, schema, problems));
    else if (child instanceof Y.XmlElement) {
      const node = elementNode(child, schema, problems);
      if (node) children.push(node);
    }
  }
  try {
    const content = Fragment.fromArray(children);
    if (!type.validContent(content)) problems.push(`${where}: content of "${type.name}"`);
    const attrs = element.getAttributes();
    for (const key of Object.keys(attrs)) {
      if (!(key in (type.spec.attrs ?? {})))
        problems.push(`${where}: attribute "${key.slice(0, 40)}"`);
    }
    return type.create(attrs, content);
  } catch {
    problems.push(`${where}: attributes of "${type.name}"`);
    return null;
  }
}

/**
 * The converted framework text of a room's document and of its shadow copies, block by block:
 * a block's node is kept (keyed by its Yjs item id, the same in the room's document and in every
 * copy of it) until a transaction of a watched doc changes something inside it. A trial on the
 * shadow that is refused leaves converted blocks of content the room never took: `refused()`
 * forgets the blocks that trial touched.
 */
export class FragmentNodes {
  private readonly blocks = new Map<string, Converted>();
  private readonly watched = new WeakSet<Y.Doc>();
  private readonly touched = new Set<string>();

  constructor(private readonly schema: Schema = gateSchema()) {}

  /** Keeps the cache in step with `doc`'s transactions (once per doc). */
  watch(doc: Y.Doc): void {
    if (this.watched.has(doc)) return;
    this.watched.add(doc);
    const fragment = documentFragment(doc);
    doc.on("afterTransaction", (tr: Y.Transaction) => this.invalidate(fragment, tr));
  }

  /** Starts a trial: the blocks it touches are remembered for `refused`. */
  beginTrial(): void {
    this.touched.clear();
  }

  /** The trial was refused: forget what was converted of the blocks it touched. */
  refused(): void {
    for (const key of this.touched) this.blocks.delete(key);
    this.touched.clear();
  }

  /** The text of `doc` (watched), and what in it the schema cannot hold. */
  document(doc: Y.Doc): { node: PMNode; problems: Set<string> } {
    this.watch(doc);
    const problems = new Set<string>();
    const children: PMNode[] = [];
    for (const child of documentFragment(doc).toArray()) {
      if (!(child instanceof Y.XmlElement)) {
        problems.add(`${itemKey(child)}: text outside a block`);
        continue;
      }
      const key = itemKey(child);
      let converted = this.blocks.get(key);
      if (!converted) {
        const found: string[] = [];
        converted = { node: elementNode(child, this.schema, found), problems: found };
        this.blocks.set(key, converted);
      }
      for (const problem of converted.problems) problems.add(problem);
      if (converted.node) children.push(converted.node);
    }
    const top = this.schema.topNodeType;
    return { node: top.create(null, Fragment.fromArray(children)), problems };
  }

  private invalidate(fragment: Y.XmlFragment, tr: Y.Transaction): void {
    for (const changed of tr.changed.keys()) {
      let type: { _item: Y.Item | null } | null = changed;
      while (type) {
        const parent: unknown = type._item?.parent;
        if (parent === fragment) {
          const key = itemKey(type);
          this.blocks.delete(key);
          this.touched.add(key);
          break;
        }
        type = parent instanceof Y.AbstractType ? parent : null;
      }
    }
  }
}

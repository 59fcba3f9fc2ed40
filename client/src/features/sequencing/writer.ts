/** What the forms need to write: the framework Y.Doc and the options of the sequencing write functions (`addStep`, … : author, context). */
import type { WriteOptions } from "@parley/shared/sequencing/index";
import type * as Y from "yjs";

export interface SequencingWriter {
  doc: Y.Doc;
  options: WriteOptions;
}

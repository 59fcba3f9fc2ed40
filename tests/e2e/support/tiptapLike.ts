/**
 * The part of a Tiptap editor that tests read and drive inside the page (through the
 * `.framework-text` element's `editor`): a type only, for code passed to `page.evaluate`.
 */
export interface TiptapLike {
  view: { hasFocus(): boolean };
  state: {
    doc: {
      forEach(fn: (node: { type: { name: string }; textContent: string }) => void): void;
      descendants(
        fn: (node: { type: { name: string }; nodeSize: number }, pos: number) => void,
      ): void;
      textBetween(from: number, to: number, blockSeparator: string): string;
    };
    selection: { from: number; to: number };
  };
  commands: { setTextSelection(position: number): boolean; focus(): boolean };
}

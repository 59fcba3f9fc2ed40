/**
 * Before each commit, React (react-dom's `getSelectionInformation`) records the focused element's
 * selection so that it can put it back if the commit moved the focus. When the focused element is
 * a content-editable one (`element.contentEditable === "true"`), it computes the selection's
 * character offsets by walking the element's whole DOM (`getModernOffsetsFromPoints`). With the
 * caret in the editor, every commit of every panel walks the whole text: on the phased framework
 * under 20 writers, 353 ms of self time in 15 s of typing (the `--profile` of `pnpm bench:browser`).
 *
 * The editor does not need React to restore its selection: ProseMirror keeps it in its state and
 * puts it back in the DOM itself when the editor regains focus. So the editor's root answers the
 * `contentEditable` property with "inherit", and React takes it for an element without a text
 * selection (it still restores the focus). Editing is untouched: the browser reads the
 * `contenteditable` attribute, which ProseMirror keeps setting, and so does everything that asks
 * `isContentEditable`. ProseMirror reads the property only to find `"false"` (uneditable islands),
 * which "inherit" is not, as "true" was not.
 */
import { Extension } from "@tiptap/core";
import { Plugin } from "@tiptap/pm/state";

/** Makes `element.contentEditable` read "inherit"; setting it still sets the attribute. */
export function hideSelectionFromReact(element: HTMLElement): void {
  Object.defineProperty(element, "contentEditable", {
    configurable: true,
    get: () => "inherit",
    set: (value: string) => {
      if (value === "inherit") element.removeAttribute("contenteditable");
      else element.setAttribute("contenteditable", value);
    },
  });
}

export const ReactCommitsSkipEditorSelection = Extension.create({
  name: "reactCommitsSkipEditorSelection",
  addProseMirrorPlugins() {
    // a plugin's view hook runs for every view the editor creates (each mount)
    return [
      new Plugin({
        view(view) {
          hideSelectionFromReact(view.dom);
          return {};
        },
      }),
    ];
  },
});

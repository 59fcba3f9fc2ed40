/**
 * The access pieces of an open framework, for `FrameworkWorkspace`: what the held token allows,
 * the document-bar part (role, share, audit) and the private notes of the person's party.
 */
import "./access.css";
import type * as Y from "yjs";
import { AccessBar, usePartyChoices } from "./AccessBar.js";
import { type AccessView, accessView } from "./accessView.js";
import { PrivateNotesPanel } from "./PrivateNotesPanel.js";
import { useHeldAccess } from "./useHeldAccess.js";

export function useWorkspaceAccess(frameworkId: string): AccessView {
  return accessView(useHeldAccess(frameworkId));
}

export function WorkspaceAccessBar(props: {
  frameworkId: string;
  framework: Y.Doc;
  view: AccessView;
}) {
  return <AccessBar {...props} />;
}

/** The private notes of the person's party, if they belong to one. */
export function PrivateNotesSlot({
  frameworkId,
  framework,
  view,
}: {
  frameworkId: string;
  framework: Y.Doc;
  view: AccessView;
}) {
  const parties = usePartyChoices(framework);
  if (!view.party) return null;
  const name = parties.find((p) => p.id === view.party)?.name ?? view.party;
  return (
    <PrivateNotesPanel
      key={`${frameworkId}/${view.party}`}
      frameworkId={frameworkId}
      party={view.party}
      partyName={name}
      canWrite={view.canWritePrivateNotes}
    />
  );
}

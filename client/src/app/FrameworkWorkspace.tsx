import { roleAtLeast } from "@parley/shared/access/roles";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { useCollabSession, useParticipants, useSessionSnapshot } from "../collab/hooks.js";
import { type Identity, identityInFramework } from "../collab/identity.js";
import { forgetFramework } from "../collab/recentFrameworks.js";
import type { CollabSession } from "../collab/session.js";
import { collaborativeExtensions } from "../editor/collaborativeExtensions.js";
import { Suggesting } from "../editor/suggesting/suggesting.js";
import { useHeldAccess } from "../features/access/useHeldAccess.js";
import {
  PrivateNotesSlot,
  useWorkspaceAccess,
  WorkspaceAccessBar,
} from "../features/access/workspaceAccess.js";
import { BracketPanel } from "../features/brackets/BracketPanel.js";
import { CommentsMargin } from "../features/comments/CommentsMargin.js";
import { CommentController } from "../features/comments/commentController.js";
import { useOutlineThreadCounts } from "../features/comments/OutlineThreadCount.js";
import { ConnectionStatus } from "../features/connection/ConnectionStatus.js";
import { ShareLinkButton } from "../features/connection/ShareLinkButton.js";
import { ExportButton } from "../features/export/ExportButton.js";
import { FrameworkProvider } from "../features/framework/FrameworkContext.js";
import { FrameworkMain } from "../features/framework/FrameworkMain.js";
import { frameworkEditorExtensions } from "../features/framework/frameworkExtensions.js";
import { FrameworkTitle } from "../features/header/FrameworkTitle.js";
import { HeaderMenu } from "../features/header/HeaderMenu.js";
import { InboxButton } from "../features/inbox/InboxButton.js";
import { useIdentity } from "../features/name-prompt/IdentityContext.js";
import { Outline } from "../features/outline/Outline.js";
import { PartiesPanel } from "../features/parties/PartiesPanel.js";
import { PresenceAvatars, PresenceList } from "../features/presence/PresenceList.js";
import { FindPanel } from "../features/search/FindPanel.js";
import { FindHighlight } from "../features/search/findHighlight.js";
import {
  SequencingPanel,
  useStepRefExtension,
  useWorkspaceView,
  WorkspaceViewTabs,
} from "../features/sequencing/workspaceView.js";
import { FrameworkShortcuts } from "../features/shortcuts/frameworkShortcuts.js";
import { ShortcutsHelp } from "../features/shortcuts/ShortcutsHelp.js";
import { ModeSwitch } from "../features/suggestions/ModeSwitch.js";
import { FrameworkSuggestionColours } from "../features/suggestions/SuggestionColours.js";
import { useEditorMode } from "../features/suggestions/useEditorMode.js";
import { Toolbar } from "../features/toolbar/Toolbar.js";
import { VersionsButton } from "../features/versions/VersionsButton.js";
import { NotFoundPage } from "./NotFoundPage.js";

interface WorkspaceProps {
  frameworkId: string;
  title: string;
}

/** One open framework: document bar, toolbar, outline, the text, and who is here. */
export function FrameworkWorkspace({ frameworkId, title }: WorkspaceProps) {
  const identity = useFrameworkIdentity(frameworkId);
  const session = useCollabSession(frameworkId, identity);
  if (!session) {
    return (
      <main className="page page-narrow" aria-busy="true">
        <p className="loading-line">Opening the framework…</p>
      </main>
    );
  }
  return <OpenFramework key={frameworkId} session={session} title={title} identity={identity} />;
}

/** My name and colour in this framework: the token's name and the member's colour. */
function useFrameworkIdentity(frameworkId: string): Identity {
  const { identity: device } = useIdentity();
  const access = useHeldAccess(frameworkId);
  const name = access?.name ?? null;
  const member = access?.member ?? null;
  return useMemo(
    () => identityInFramework(device, member === null ? null : { name, member }),
    [device, name, member],
  );
}

function OpenFramework({
  session,
  title,
  identity,
}: {
  session: CollabSession;
  title: string;
  identity: Identity;
}) {
  const snapshot = useSessionSnapshot(session);
  const people = useParticipants(session);
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const view = useWorkspaceView();
  const stepRefs = useStepRefExtension(session.doc, session.frameworkId);
  const [comments] = useState(() => new CommentController());

  const editor = useEditor(
    {
      extensions: collaborativeExtensions({
        doc: session.doc,
        provider: session.provider,
        identity,
        onRequestLink: () => setLinkFormOpen(true),
        overrides: [
          ...frameworkEditorExtensions(),
          stepRefs,
          comments.extension,
          FindHighlight,
          FrameworkShortcuts,
          Suggesting,
        ],
      }),
      editable: false,
      editorProps: {
        attributes: {
          class: "framework-text",
          "aria-label": "Framework text",
          spellcheck: "true",
          // Read-only for commenters and guests, but focusable: the caret plugin publishes a
          // caret and selection only while the editor has focus (y-tiptap `yCursorPlugin`).
          tabindex: "0",
        },
      },
    },
    [session],
  );

  const threadCounts = useOutlineThreadCounts(editor, session.discussion);
  // The text has arrived (or is on this device); editable only if the token's role allows it.
  const access = useWorkspaceAccess(session.frameworkId);
  const heldAccess = useHeldAccess(session.frameworkId);
  const textReady = session.editable;
  const editable = textReady && access.canEditText;
  // Editable unless Viewing; Suggesting turns edits into suggestions.
  const modes = useEditorMode({
    editor,
    framework: session.doc,
    access: heldAccess,
    displayName: identity.name,
    textReady,
  });

  const { connection } = snapshot;
  useEffect(() => {
    if (connection.status === "closed" && connection.reason === "deleted") {
      forgetFramework(session.frameworkId);
      void session.clearLocalCopy();
    }
  }, [connection, session]);

  if (connection.status === "closed" && connection.reason === "not-found") {
    return <NotFoundPage kind="framework" />;
  }
  if (connection.status === "closed" && connection.reason === "deleted") {
    return <NotFoundPage kind="deleted" />;
  }

  const workspace = (
    <main className="workspace">
      <div className="doc-bar">
        <div className="doc-bar-title">
          <Link to="/" className="back-link">
            All frameworks
          </Link>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <FrameworkTitle
            frameworkId={session.frameworkId}
            title={title}
            editor={editor}
            canRename={access.role !== null && roleAtLeast(access.role, "drafter")}
          />
          <WorkspaceViewTabs frameworkId={session.frameworkId} view={view} />
        </div>
        <div className="doc-bar-meta">
          <ConnectionStatus state={connection} />
          <PresenceAvatars people={people} />
          <InboxButton frameworkId={session.frameworkId} comments={comments} />
          <HeaderMenu>
            <ShareLinkButton frameworkId={session.frameworkId} />
            <WorkspaceAccessBar
              frameworkId={session.frameworkId}
              framework={session.doc}
              view={access}
            />
            <ExportButton frameworkId={session.frameworkId} />
            <VersionsButton frameworkId={session.frameworkId} />
          </HeaderMenu>
        </div>
      </div>
      {view === "sequencing" && (
        <SequencingPanel
          doc={session.doc}
          editor={editor}
          frameworkId={session.frameworkId}
          authorName={identity.name}
          authorPartyId={access.party}
          editable={editable}
        />
      )}
      {/* The text stays mounted under the sequencing view: the editor keeps its state. */}
      <div style={{ display: view === "sequencing" ? "none" : "contents" }}>
        <Toolbar
          editor={editor}
          linkFormOpen={linkFormOpen}
          onLinkFormChange={setLinkFormOpen}
          formatting={modes.mode === "editing"}
          modeSwitch={
            <ModeSwitch
              state={modes}
              framework={session.doc}
              isMediator={access.role === "mediator"}
            />
          }
        />
        <div className="workspace-body">
          <aside className="sidebar sidebar-left">
            <Outline editor={editor} badge={threadCounts} />
          </aside>
          <div className="paper-column">
            {connection.status === "closed" && (
              <p className="banner banner-error" role="alert">
                {closedMessage(connection.reason)}
              </p>
            )}
            {!textReady && connection.status !== "closed" && (
              <WaitingForText
                offline={connection.status === "offline"}
                localCopyLoaded={snapshot.localCopyLoaded}
              />
            )}
            <FindPanel comments={comments} />
            <FrameworkMain
              frameworkId={session.frameworkId}
              canComment={access.canWriteDiscussion}
              onComment={() => comments.onRequestComment()}
            >
              <div className="comments-layout">
                <article className="paper" hidden={!textReady && !snapshot.hasContent}>
                  <EditorContent editor={editor} />
                </article>
                <CommentsMargin
                  controller={comments}
                  people={people}
                  frameworkId={session.frameworkId}
                />
              </div>
            </FrameworkMain>
          </div>
          <aside className="sidebar sidebar-right">
            <PresenceList people={people} live={connection.status === "connected"} />
            <PrivateNotesSlot
              frameworkId={session.frameworkId}
              framework={session.doc}
              view={access}
            />
            <BracketPanel />
            <PartiesPanel />
          </aside>
        </div>
      </div>
    </main>
  );
  return (
    <FrameworkProvider
      framework={session.doc}
      discussion={session.discussion}
      editor={editor}
      actor={{ name: identity.name, party: null }}
    >
      {workspace}
      <FrameworkSuggestionColours />
      <ShortcutsHelp />
    </FrameworkProvider>
  );
}

function WaitingForText({
  offline,
  localCopyLoaded,
}: {
  offline: boolean;
  localCopyLoaded: boolean;
}) {
  if (offline && localCopyLoaded) {
    return (
      <p className="banner banner-warn" role="status">
        This framework has not been opened on this device before, so there is no copy here to work
        on. It opens as soon as the server can be reached.
      </p>
    );
  }
  return (
    <p className="banner banner-quiet" role="status">
      Loading the text…
    </p>
  );
}

function closedMessage(reason: string): string {
  switch (reason) {
    case "unauthorized":
      return "Your access to this framework has ended. Ask the mediator for a new link.";
    case "forbidden":
      return "Your link does not give access to this framework.";
    case "client-too-old":
      return "Parley was updated. Reload the page to continue editing.";
    default:
      return "The server refused a change from this page. Reload the page to continue editing.";
  }
}

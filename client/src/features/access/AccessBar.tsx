/**
 * The access part of the document bar: who this browser is here (role, party), and for mediators
 * the share dialog and the audit log.
 */
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@parley/shared/access/roles";
import { partiesMap } from "@parley/shared/model/maps";
import { listParties } from "@parley/shared/model/party";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { AuditLogDialog } from "./AuditLogDialog.js";
import type { AccessView } from "./accessView.js";
import { type PartyChoice, ShareDialog } from "./ShareDialog.js";

/** The framework's parties (id and name), live. */
export function usePartyChoices(framework: Y.Doc): PartyChoice[] {
  const read = () => listParties(framework).map((p) => ({ id: p.id, name: p.name }));
  const [parties, setParties] = useState<PartyChoice[]>(read);
  useEffect(() => {
    const map = partiesMap(framework);
    const refresh = () =>
      setParties(listParties(framework).map((p) => ({ id: p.id, name: p.name })));
    refresh();
    map.observe(refresh);
    return () => map.unobserve(refresh);
  }, [framework]);
  return parties;
}

export function AccessBar({
  frameworkId,
  framework,
  view,
}: {
  frameworkId: string;
  framework: Y.Doc;
  view: AccessView;
}) {
  const parties = usePartyChoices(framework);
  const [open, setOpen] = useState<"share" | "audit" | null>(null);
  if (!view.role) return null;
  const partyName = view.party
    ? (parties.find((p) => p.id === view.party)?.name ?? view.party)
    : null;
  return (
    <>
      <span
        className="role-badge"
        data-role={view.role}
        title={`You are a ${ROLE_LABELS[view.role].toLowerCase()}: ${ROLE_DESCRIPTIONS[view.role]}`}
      >
        {ROLE_LABELS[view.role]}
        {partyName && ` · ${partyName}`}
      </span>
      {view.canAdminister && (
        <>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setOpen("share")}
          >
            Share
          </button>
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={() => setOpen("audit")}
          >
            Audit log
          </button>
        </>
      )}
      {open === "share" && (
        <ShareDialog frameworkId={frameworkId} parties={parties} onClose={() => setOpen(null)} />
      )}
      {open === "audit" && (
        <AuditLogDialog frameworkId={frameworkId} parties={parties} onClose={() => setOpen(null)} />
      )}
    </>
  );
}

import { type ConnectionState, describeConnection } from "../../collab/connectionState.js";

/** The always-visible connection indicator. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { label, detail, tone } = describeConnection(state);
  return (
    <div
      className={`connection connection-${tone}`}
      role="status"
      aria-live="polite"
      data-connection={state.status === "connected" && !state.synced ? "syncing" : state.status}
      title={detail}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{label}</span>
      <span className="visually-hidden">. {detail}</span>
    </div>
  );
}

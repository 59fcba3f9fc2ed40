/**
 * The page for a link that does not (or no longer) give access: no token, an invalid, expired or
 * revoked one, or a token of another framework. Says what happened and what to do.
 */
import { Link } from "react-router";

const MESSAGES: Record<string, { title: string; body: string }> = {
  missing_token: {
    title: "You need an invite link",
    body: "This framework is confidential. Open the invite link the mediator sent you; it gives this browser access.",
  },
  invalid_token: {
    title: "This link is not valid",
    body: "The access token in this link is not valid (it may be incomplete, or its framework was deleted). Ask the mediator for a new invite link.",
  },
  token_expired: {
    title: "This link has expired",
    body: "Invite links stop working after a while. Ask the mediator for a new one.",
  },
  token_revoked: {
    title: "This link was revoked",
    body: "The mediator withdrew this invite link. If you should still have access, ask them for a new one.",
  },
  forbidden: {
    title: "This link is for another framework",
    body: "The access token this browser holds does not open this framework. Use the invite link you were given for it.",
  },
};

export const ACCESS_ERROR_CODES = Object.keys(MESSAGES);

export function isAccessError(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && code in MESSAGES;
}

export function AccessDeniedPage({ code }: { code: string }) {
  const message = MESSAGES[code] ?? MESSAGES.invalid_token!;
  return (
    <main className="page page-narrow">
      <section className="notice" role="alert" data-access-error={code}>
        <h1>{message.title}</h1>
        <p>{message.body}</p>
        <Link to="/" className="button button-primary">
          Go to your frameworks
        </Link>
      </section>
    </main>
  );
}

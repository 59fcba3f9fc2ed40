import { useState } from "react";

/**
 * Copies the framework's address (`/f/<id>`). It carries no access — a person's own token is
 * personal and is never put into a link — so it is named for what it is: it opens the framework
 * only for people who already have access here (to point a colleague at it). Access is given
 * with an invite link, which a mediator makes or copies in the Share dialog.
 */
export function ShareLinkButton({ frameworkId }: { frameworkId: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const link = `${window.location.origin}/f/${frameworkId}`;
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      title={`${link} — opens only for people who already have access. To invite someone, a mediator makes an invite link under Share.`}
      onClick={() => {
        navigator.clipboard.writeText(link).then(
          () => setCopied("copied"),
          () => setCopied("failed"),
        );
      }}
      onBlur={() => setCopied("idle")}
    >
      {copied === "copied"
        ? "Address copied (gives no access)"
        : copied === "failed"
          ? link
          : "Copy address"}
    </button>
  );
}

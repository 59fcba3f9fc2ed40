import { useState } from "react";

/** Copies the framework's stable link (`/f/<id>`) to the clipboard. */
export function ShareLinkButton({ frameworkId }: { frameworkId: string }) {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const link = `${window.location.origin}/f/${frameworkId}`;
  return (
    <button
      type="button"
      className="button button-quiet button-small"
      title={link}
      onClick={() => {
        navigator.clipboard.writeText(link).then(
          () => setCopied("copied"),
          () => setCopied("failed"),
        );
      }}
      onBlur={() => setCopied("idle")}
    >
      {copied === "copied" ? "Link copied" : copied === "failed" ? link : "Copy link"}
    </button>
  );
}

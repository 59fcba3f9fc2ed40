/** The title row of a version page: the way back to the framework, then the page's title. */
import type { ReactNode } from "react";
import { Link } from "react-router";

export function VersionCrumb({
  frameworkId,
  children,
}: {
  frameworkId: string;
  children: ReactNode;
}) {
  return (
    <div className="doc-bar-title">
      <Link to={`/f/${encodeURIComponent(frameworkId)}`} className="back-link">
        Back to the framework
      </Link>
      <span className="crumb-sep" aria-hidden="true">
        /
      </span>
      <h1 className="version-title">{children}</h1>
    </div>
  );
}

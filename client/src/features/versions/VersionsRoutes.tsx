/**
 * The pages of the versions feature, loaded on first use: `/f/:id/versions/:v` and
 * `/f/:id/compare`. Both read with the token this browser already holds for the framework.
 */
import { isFrameworkId } from "@parley/shared/protocol";
import { useParams } from "react-router";
import { ComparePage } from "./ComparePage.js";
import { VersionPage } from "./VersionPage.js";

function NoSuchPage() {
  return (
    <main className="page page-narrow">
      <p className="banner banner-error" role="alert">
        There is no such page.
      </p>
    </main>
  );
}

export function VersionRoute() {
  const { id = "", v = "" } = useParams();
  if (!isFrameworkId(id) || v === "") return <NoSuchPage />;
  return <VersionPage key={`${id}/${v}`} frameworkId={id} versionId={v} />;
}

export function CompareRoute() {
  const { id = "" } = useParams();
  if (!isFrameworkId(id)) return <NoSuchPage />;
  return <ComparePage key={id} frameworkId={id} />;
}

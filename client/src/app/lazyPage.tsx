/**
 * Pages whose code loads when they are first shown, without Suspense. React 19 holds a Suspense
 * boundary's content back until 300 ms after its fallback was shown (`FALLBACK_THROTTLE_MS`, so
 * that content does not flash in); for a page that is the whole screen that is only a wait: the
 * framework page showed about 200 ms later than its code and data allowed. Here the loading line
 * is replaced as soon as the code is there, and `preload()` starts the download before React runs.
 */
import { type ComponentType, type ReactNode, useEffect, useState } from "react";

/** One page's code: loaded once, on the first `preload()` (a failed load is tried again). */
export class PageCode {
  private component: ComponentType | null = null;
  private pending: Promise<void> | null = null;

  constructor(private readonly load: () => Promise<ComponentType>) {}

  /** The page, once its code is here. */
  get loaded(): ComponentType | null {
    return this.component;
  }

  preload(): Promise<void> {
    this.pending ??= this.load().then(
      (component) => {
        this.component = component;
      },
      (error: unknown) => {
        this.pending = null;
        throw error;
      },
    );
    return this.pending;
  }
}

/**
 * Shows `code`'s page, or `loading` until its code is here, or `failed` if it did not come.
 * (React keeps this component when the route changes to another lazy page: nothing here is
 * remembered per page except through `code` itself.)
 */
export function LazyPage({
  code,
  loading,
  failed,
}: {
  code: PageCode;
  loading: ReactNode;
  failed: ReactNode;
}) {
  const [, setArrived] = useState(0);
  const [failedCode, setFailedCode] = useState<PageCode | null>(null);
  const Page = code.loaded;
  const shown = Page !== null;
  useEffect(() => {
    // What this render showed, not `code.loaded` now: the code may have arrived between the render
    // and this effect (effects run after the paint), and the loading line would then stay.
    if (shown) return;
    let current = true;
    code.preload().then(
      () => current && setArrived((n) => n + 1),
      () => current && setFailedCode(code),
    );
    return () => {
      current = false;
    };
  }, [code, shown]);
  if (Page !== null) return <Page />;
  return failedCode === code ? failed : loading;
}

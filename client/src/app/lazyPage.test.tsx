import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LazyPage, PageCode } from "./lazyPage.js";

afterEach(cleanup);

/** A page's code that arrives when the test says so. */
function deferredCode(text: string) {
  let arrive: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  let loads = 0;
  const code = new PageCode(() => {
    loads += 1;
    return new Promise((resolve, reject) => {
      arrive = () => resolve(() => <p>{text}</p>);
      fail = reject;
    });
  });
  return { code, arrive: () => arrive(), fail: (e: Error) => fail(e), loads: () => loads };
}

const placeholders = { loading: <p>loading</p>, failed: <p>failed</p> };

describe("a page whose code loads on first use", () => {
  it("shows the loading line, then the page as soon as its code arrives", async () => {
    const page = deferredCode("the page");
    render(<LazyPage code={page.code} {...placeholders} />);
    expect(screen.getByText("loading")).toBeTruthy();
    await act(async () => page.arrive());
    expect(screen.getByText("the page")).toBeTruthy();
    expect(screen.queryByText("loading")).toBeNull();
  });

  it("shows a preloaded page at once, with no loading line, and loads its code once", async () => {
    const page = deferredCode("preloaded");
    const preloaded = page.code.preload();
    page.arrive();
    await preloaded;
    render(<LazyPage code={page.code} {...placeholders} />);
    expect(screen.getByText("preloaded")).toBeTruthy();
    expect(page.loads()).toBe(1);
  });

  it("shows the page when its code arrives between the render and the effect", async () => {
    // The code arrives after the render read `loaded` (null) and before the effect runs: the
    // render sees no page, every later read sees it.
    let reads = 0;
    class ArrivingMeanwhile extends PageCode {
      override get loaded() {
        reads += 1;
        return reads === 1 ? null : super.loaded;
      }
    }
    const code = new ArrivingMeanwhile(async () => () => <p>arrived meanwhile</p>);
    await code.preload();
    render(<LazyPage code={code} {...placeholders} />);
    expect(await screen.findByText("arrived meanwhile")).toBeTruthy();
  });

  it("says the code did not come when its load fails, and a later visit tries again", async () => {
    const page = deferredCode("second try");
    const first = render(<LazyPage code={page.code} {...placeholders} />);
    await act(async () => page.fail(new Error("offline")));
    expect(screen.getByText("failed")).toBeTruthy();
    first.unmount();
    render(<LazyPage code={page.code} {...placeholders} />);
    expect(page.loads()).toBe(2);
    await act(async () => page.arrive());
    expect(screen.getByText("second try")).toBeTruthy();
  });

  it("follows a change of page in the same place (React keeps the component)", async () => {
    const one = deferredCode("page one");
    const two = deferredCode("page two");
    const view = render(<LazyPage code={one.code} {...placeholders} />);
    await act(async () => one.arrive());
    expect(screen.getByText("page one")).toBeTruthy();
    view.rerender(<LazyPage code={two.code} {...placeholders} />);
    expect(screen.getByText("loading")).toBeTruthy();
    await act(async () => two.arrive());
    expect(screen.getByText("page two")).toBeTruthy();
  });
});

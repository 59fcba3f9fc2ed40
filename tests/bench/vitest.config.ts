import { defineConfig } from "vitest/config";

// The bench harness's own unit tests (pure parts: statistics, traces, chart, report).
// Run with `pnpm exec vitest run -c tests/bench/vitest.config.ts`; `pnpm bench` itself is not a test.
export default defineConfig({
  test: {
    name: "bench",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    environment: "node",
  },
});

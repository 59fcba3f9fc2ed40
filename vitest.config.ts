import { defineConfig } from "vitest/config";

// One vitest run covers every package: pure unit tests beside their modules,
// client component tests in jsdom, and integration tests against the real server.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "shared", include: ["shared/src/**/*.test.ts"], environment: "node" } },
      { test: { name: "server", include: ["server/src/**/*.test.ts"], environment: "node" } },
      {
        test: {
          name: "client",
          include: ["client/src/**/*.test.{ts,tsx}", "client/build/**/*.test.ts"],
          environment: "jsdom",
        },
      },
      {
        test: { name: "bench", include: ["tests/bench/**/*.test.ts"], environment: "node" },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

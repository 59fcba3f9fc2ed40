import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkoutRoot, configFromEnv, DEFAULT_CLIENT_DIR, DEFAULTS } from "./config.js";

describe("checkoutRoot", () => {
  it("serves client/dist of this checkout by default", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    expect(DEFAULT_CLIENT_DIR).toBe(join(root, "client", "dist"));
  });

  it("finds the workspace root from any depth below it (server/src, server/dist/chunks)", () => {
    const root = mkdtempSync(join(tmpdir(), "parley-root-"));
    try {
      writeFileSync(join(root, "pnpm-workspace.yaml"), "packages: []\n");
      const deep = join(root, "server", "dist", "chunks");
      mkdirSync(deep, { recursive: true });
      expect(checkoutRoot(deep)).toBe(root);
      expect(checkoutRoot(join(root, "server"))).toBe(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("configFromEnv", () => {
  it("uses the documented defaults", () => {
    const config = configFromEnv({});
    expect(config).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: resolve("./data"),
      logLevel: "info",
      unloadGraceMs: DEFAULTS.unloadGraceMs,
      compactionThreshold: 500,
      sqliteSynchronous: "NORMAL",
      databaseUrl: null,
      secret: null,
      adminToken: null,
      createToken: null,
      allowedOrigins: null,
      publicUrl: null,
    });
  });

  it("reads every variable", () => {
    const config = configFromEnv({
      PORT: "0",
      HOST: "0.0.0.0",
      DATA_DIR: "/tmp/parley-data",
      LOG_LEVEL: "debug",
      PARLEY_UNLOAD_GRACE_MS: "100",
      PARLEY_COMPACTION_THRESHOLD: "50",
      PARLEY_PING_INTERVAL_MS: "1000",
      PARLEY_SQLITE_SYNCHRONOUS: "full",
      DATABASE_URL: "postgres://parley@db.internal:5432/parley",
      PARLEY_SECRET: "s".repeat(40),
      PARLEY_ADMIN_TOKEN: "admin-token-0123456789",
      PARLEY_CREATE_TOKEN: "create-token-0123456789",
      PARLEY_ALLOWED_ORIGINS: "https://parley.example,http://localhost:5173",
      PARLEY_PUBLIC_URL: "https://parley.example/some/path",
      PARLEY_MAX_DOCUMENT_BYTES: "4096",
      PARLEY_WS_MESSAGES_PER_SECOND: "5",
      PARLEY_WS_MESSAGE_BURST: "10",
      PARLEY_REST_REQUESTS_PER_MINUTE: "60",
      PARLEY_CREATES_PER_MINUTE: "3",
      PARLEY_TRUST_PROXY: "1",
      PARLEY_AUDIT_FLUSH_MS: "0",
    });
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      dataDir: "/tmp/parley-data",
      logLevel: "debug",
      unloadGraceMs: 100,
      compactionThreshold: 50,
      pingIntervalMs: 1000,
      sqliteSynchronous: "FULL",
      databaseUrl: "postgres://parley@db.internal:5432/parley",
      secret: "s".repeat(40),
      adminToken: "admin-token-0123456789",
      createToken: "create-token-0123456789",
      allowedOrigins: ["https://parley.example", "http://localhost:5173"],
      publicUrl: "https://parley.example",
      maxDocumentBytes: 4096,
      messagesPerSecond: 5,
      messageBurst: 10,
      restRequestsPerMinute: 60,
      createsPerMinute: 3,
      trustProxy: 1,
      auditFlushMs: 0,
    });
  });

  it("refuses bad values with a clear message", () => {
    expect(() => configFromEnv({ PORT: "eighty" })).toThrow(/PORT must be an integer/);
    expect(() => configFromEnv({ PARLEY_COMPACTION_THRESHOLD: "0" })).toThrow(/>= 1/);
    expect(() => configFromEnv({ PARLEY_SQLITE_SYNCHRONOUS: "OFF" })).toThrow(/FULL or NORMAL/);
    expect(() => configFromEnv({ PARLEY_SECRET: "short" })).toThrow(/PARLEY_SECRET.*32/);
    expect(() => configFromEnv({ PARLEY_ADMIN_TOKEN: "short" })).toThrow(/PARLEY_ADMIN_TOKEN/);
    expect(() => configFromEnv({ PARLEY_ALLOWED_ORIGINS: "https://a/b" })).toThrow(/origin/);
    expect(() => configFromEnv({ PARLEY_PUBLIC_URL: "nope" })).toThrow(/PARLEY_PUBLIC_URL/);
    expect(() => configFromEnv({ DATABASE_URL: "db.internal:5432" })).toThrow(/DATABASE_URL/);
    expect(() => configFromEnv({ DATABASE_URL: "redis://127.0.0.1:6379" })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
  });
});

/**
 * `pnpm export <frameworkId> --format docx --out file.docx [options]`: exports a framework from the
 * data directory, with no server needed (it reads the SQLite database through the storage
 * interface; a running server may keep using it meanwhile: WAL mode lets both read it).
 *
 * Options: --format md|html|docx|pdf (required) · --out FILE (default: the title as file name in
 * the current directory; `-` writes to stdout) · --text brackets|clean · --comments ·
 * --no-annexes · --annex-prefix WORD (Annex) · --non-paper · --data-dir DIR (default $DATA_DIR,
 * else ./data). With `DATABASE_URL` set it reads the framework from PostgreSQL instead (the data
 * directory is unused).
 * Exit codes: 0 done, 1 export failed, 2 bad arguments, 3 unknown framework or no database.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { ExportOptions } from "@parley/shared/export/options";
import { parseExportOptions } from "@parley/shared/export/options";
import type { DocumentStorage } from "../storage/documentStorage.js";
import { checkDatabaseUrl, connectPgPool } from "../storage/pgPool.js";
import { createPgStorage } from "../storage/pgStorage.js";
import { DATABASE_FILE, openSqliteStorage } from "../storage/sqliteStorage.js";
import { exportFramework } from "./exportFramework.js";
import { storageLoader } from "./loadFramework.js";
import { PdfUnavailableError } from "./pdf.js";

export const USAGE =
  "usage: pnpm export <frameworkId> --format md|html|docx|pdf [--out FILE|-] [--text brackets|clean] [--comments] [--no-annexes] [--non-paper] [--suggestions show|accepted|original] [--annex-prefix WORD] [--data-dir DIR]";

export interface CliRequest {
  frameworkId: string;
  options: ExportOptions;
  /** Null: the title as file name in the current directory. `-`: stdout. */
  out: string | null;
  dataDir: string;
}

export type CliParse = { ok: true; value: CliRequest } | { ok: false; message: string };

const OPTION_NAMES = [
  "format",
  "out",
  "text",
  "comments",
  "no-annexes",
  "non-paper",
  "suggestions",
  "data-dir",
];

/** Whether `arg` is one of the CLI's options (`--format`, `--format=md`, …). */
function isOption(arg: string): boolean {
  return OPTION_NAMES.some((name) => arg === `--${name}` || arg.startsWith(`--${name}=`));
}

/**
 * The arguments with a leading framework id moved behind `--`: ids may start with `-` (the
 * base64url alphabet has it), which parseArgs would otherwise read as an unknown option.
 */
function idLast(argv: readonly string[]): string[] {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--" || isOption(first)) return [...argv];
  return [...rest, "--", first];
}

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliParse {
  let parsed: ReturnType<typeof parse>;
  function parse() {
    return parseArgs({
      args: idLast(argv),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string" },
        out: { type: "string" },
        text: { type: "string" },
        comments: { type: "boolean" },
        "no-annexes": { type: "boolean" },
        "non-paper": { type: "boolean" },
        suggestions: { type: "string" },
        "annex-prefix": { type: "string" },
        "data-dir": { type: "string" },
      },
    });
  }
  try {
    parsed = parse();
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    return { ok: false, message: "give exactly one framework id" };
  }
  const options = parseExportOptions({
    format: values.format,
    ...(values.text !== undefined ? { text: values.text } : {}),
    comments: values.comments ?? false,
    annexes: !(values["no-annexes"] ?? false),
    nonPaper: values["non-paper"] ?? false,
    ...(values.suggestions !== undefined ? { suggestions: values.suggestions } : {}),
    ...(values["annex-prefix"] !== undefined ? { annexPrefix: values["annex-prefix"] } : {}),
  });
  if (!options.ok) {
    return {
      ok: false,
      message: values.format === undefined ? "--format is required" : options.message,
    };
  }
  return {
    ok: true,
    value: {
      frameworkId: positionals[0] ?? "",
      options: options.value,
      out: values.out ?? null,
      dataDir: resolve(values["data-dir"] ?? (env.DATA_DIR || "./data")),
    },
  };
}

export interface CliIo {
  stdout: (data: Buffer | string) => void;
  stderr: (line: string) => void;
}

export async function runExportCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  const parsed = parseCliArgs(argv, env);
  if (!parsed.ok) {
    io.stderr(`export: ${parsed.message}\n${USAGE}`);
    return 2;
  }
  const { frameworkId, options, out, dataDir } = parsed.value;
  let storage: DocumentStorage;
  let file: string;
  if (env.DATABASE_URL) {
    try {
      file = checkDatabaseUrl(env.DATABASE_URL);
      // Read only: no migration (a server's start or `pnpm migrate` makes the schema).
      storage = createPgStorage(await connectPgPool({ url: env.DATABASE_URL, max: 2 }));
    } catch (error) {
      io.stderr(`export: ${(error as Error).message}`);
      return 3;
    }
  } else {
    file = join(dataDir, DATABASE_FILE);
    if (!existsSync(file)) {
      io.stderr(`export: no Parley database at ${file} (set --data-dir or DATA_DIR)`);
      return 3;
    }
    storage = openSqliteStorage(file);
  }
  try {
    const loaded = await storageLoader(storage)(frameworkId);
    if (!loaded) {
      io.stderr(`export: no framework "${frameworkId}" in ${file}`);
      return 3;
    }
    const result = await exportFramework(loaded, options, {});
    if (out === "-") {
      io.stdout(result.body);
    } else {
      const target = resolve(out ?? result.fileName);
      writeFileSync(target, result.body);
      io.stderr(`export: wrote ${target} (${result.body.byteLength} bytes)`);
    }
    return 0;
  } catch (error) {
    const message =
      error instanceof PdfUnavailableError || error instanceof Error
        ? error.message
        : String(error);
    io.stderr(`export: failed: ${message}`);
    return 1;
  } finally {
    await storage.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const code = await runExportCli(process.argv.slice(2), process.env, {
    stdout: (data) => process.stdout.write(data),
    stderr: (line) => process.stderr.write(`${line}\n`),
  });
  process.exitCode = code;
}

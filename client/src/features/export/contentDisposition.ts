/**
 * The file name of a download from its `Content-Disposition` header (RFC 6266): the exact
 * `filename*=UTF-8''…` (RFC 5987, percent-decoded) when present and decodable, else the
 * `filename="…"` fallback, else the caller's fallback. Only the last path segment is kept and
 * control characters are dropped, whatever the header says. Pure.
 */

interface Parameter {
  name: string;
  value: string;
}

/** `name=value` parameters after the disposition type; values quoted (with `\` escapes) or tokens. */
function parameters(header: string): Parameter[] {
  const out: Parameter[] = [];
  const pattern = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of header.matchAll(pattern)) {
    const name = (match[1] ?? "").toLowerCase();
    const quoted = match[2];
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (match[3] ?? "").trim();
    out.push({ name, value });
  }
  return out;
}

/** Decodes an RFC 5987 `ext-value` (`UTF-8'lang'%E2%80%93…`); null if not UTF-8 or malformed. */
export function decodeExtValue(value: string): string | null {
  const match = /^([^']*)'[^']*'(.*)$/.exec(value.trim());
  if (!match) return null;
  const charset = (match[1] ?? "").toLowerCase();
  if (charset !== "utf-8" && charset !== "utf8") return null;
  try {
    return decodeURIComponent(match[2] ?? "");
  } catch {
    return null;
  }
}

/** A name safe to offer as a download: no directories, no control characters, not empty. */
function safeName(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/\p{Cc}/gu, "").trim();
  return cleaned.length > 0 && cleaned !== "." && cleaned !== ".." ? cleaned : null;
}

/** The download's file name from `Content-Disposition`, or `fallback`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const params = parameters(header);
  const extended = params.find((p) => p.name === "filename*");
  if (extended) {
    const decoded = decodeExtValue(extended.value);
    const name = decoded === null ? null : safeName(decoded);
    if (name) return name;
  }
  const plain = params.find((p) => p.name === "filename");
  const name = plain ? safeName(plain.value) : null;
  return name ?? fallback;
}

/**
 * The download's file name, from the framework title: an ASCII fallback for old clients and the
 * exact UTF-8 name in RFC 5987 / RFC 6266 form (`filename*=UTF-8''…`).
 */
import type { ExportFormat } from "./options.js";

const MAX_NAME = 120;

/** The title as a file name (no path separators, control or reserved characters), with extension. */
export function exportFileName(title: string, format: ExportFormat): string {
  const base =
    title
      .normalize("NFC")
      .replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^\.+/, "")
      .slice(0, MAX_NAME)
      .trim() || "framework";
  return `${base}.${format}`;
}

/** ASCII only: accents dropped, other characters replaced by `_`. */
export function asciiFileName(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return ascii.replace(/_+/g, "_");
}

/** RFC 5987 `ext-value` encoding of a UTF-8 string. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `attachment; filename="…"; filename*=UTF-8''…` for the title. */
export function contentDisposition(title: string, format: ExportFormat): string {
  const name = exportFileName(title, format);
  return `attachment; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

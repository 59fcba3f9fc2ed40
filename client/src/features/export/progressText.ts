/** The progress line under the bar while an export arrives ("Receiving 48 KB of 120 KB"). Pure. */
import type { ExportProgress } from "./exportDownload.js";

/** A byte count as people read it: bytes, then KB and MB with one decimal below 10. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KB", "MB", "GB"] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1) : Math.round(value).toString();
  return `${shown} ${units[unit]}`;
}

export function progressText(progress: ExportProgress): string {
  if (progress.received === 0) return "The server has the document ready; receiving it…";
  return progress.total
    ? `Receiving ${formatBytes(progress.received)} of ${formatBytes(progress.total)}`
    : `Received ${formatBytes(progress.received)}`;
}

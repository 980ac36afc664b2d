/** Durations and instants as the console shows them: short, stable, UTC. Pure. */

/** `850ms`, `4.2s`, `3m 05s`, `2h 03m`, `3d 04h`. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const total = Math.floor(s);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (total < 3600) return `${Math.floor(total / 60)}m ${pad(total % 60)}s`;
  if (total < 86400) return `${Math.floor(total / 3600)}h ${pad(Math.floor((total % 3600) / 60))}m`;
  return `${Math.floor(total / 86400)}d ${pad(Math.floor((total % 86400) / 3600))}h`;
}

/** `2026-11-26 02:15:07Z` (seconds precision, UTC), or `-`. */
export function formatInstant(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** ISO 8601 for JSON output, or null. */
export function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/** `+4.2s`: offset from a start. */
export function formatOffset(ms: number | undefined): string {
  return ms === undefined ? '-' : `+${formatDuration(ms)}`;
}

/** The UTC minute bucket `YYYYMMDDHHmm` the CLI's execution names use. */
export function minuteBucket(now: Date): string {
  return now.toISOString().slice(0, 16).replace(/[-:T]/g, '');
}

/**
 * A value someone else wrote (an owner's tag, an event field) as a reason or log line quotes it: cut to
 * `max` characters (an ellipsis marks the cut), and every character outside printable ASCII written as
 * \uXXXX, so look-alikes (Cyrillic е, fullwidth ｐ), invisible characters (zero-width space,
 * right-to-left override) and control characters show for what they are.
 */
export function quoted(value: string, max = 40): string {
  const body = JSON.stringify(value.slice(0, max))
    .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return value.length > max ? `${body.slice(0, -1)}…"` : body;
}

/**
 * What the link field accepts: http(s) and mailto links only (the schema's link extension allows
 * no other protocol). A bare "example.org" becomes "https://example.org".
 */
export type LinkCheck = { ok: true; href: string } | { ok: false; message: string };

const ALLOWED = new Set(["http:", "https:", "mailto:"]);

export function normalizeLinkHref(input: string): LinkCheck {
  const value = input.trim();
  if (value.length === 0) return { ok: false, message: "Enter a web address." };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value)
    ? value
    : value.includes("@") && !value.includes("/")
      ? `mailto:${value}`
      : `https://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: "That is not a valid web address." };
  }
  if (!ALLOWED.has(url.protocol)) {
    return { ok: false, message: "Only http, https and mailto links are allowed." };
  }
  if (url.protocol !== "mailto:" && !url.hostname.includes(".") && url.hostname !== "localhost") {
    return { ok: false, message: "That is not a valid web address." };
  }
  return { ok: true, href: url.href };
}

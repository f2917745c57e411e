import { readEnv } from "../env";

function firstHeaderValue(req: Request, name: string): string | null {
  return req.headers.get(name)?.split(",")[0]?.trim() || null;
}

/**
 * The URL the client called, as it saw it: what a webhook signature (Twilio's) is computed over.
 * With KITH_PUBLIC_URL set, that base plus the request's path and query; otherwise the scheme
 * from X-Forwarded-Proto and the host from X-Forwarded-Host or Host, falling back to the
 * request's own URL. The forwarded headers can be forged, but only to pick which URL a signature
 * is checked against; without the secret no URL makes a forged signature valid.
 */
export function publicRequestUrl(req: Request): string {
  const url = new URL(req.url);
  const pathAndQuery = `${url.pathname}${url.search}`;
  const base = readEnv().KITH_PUBLIC_URL;
  if (base) return `${base}${pathAndQuery}`;
  const protocol = firstHeaderValue(req, "x-forwarded-proto")?.replace(/:$/, "") ?? url.protocol.replace(/:$/, "");
  const host = firstHeaderValue(req, "x-forwarded-host") ?? firstHeaderValue(req, "host") ?? url.host;
  return `${protocol}://${host}${pathAndQuery}`;
}

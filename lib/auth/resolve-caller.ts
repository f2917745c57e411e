import type { Actor } from "./actor";
import { authenticateApiKey } from "./authenticate-api-key";
import { findActiveUserActor } from "../users/find-active-user";

// Auth.js's session cookie names (plain and on HTTPS).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function parseBasic(header: string): { username: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator <= 0) return null;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

function hasSessionCookie(req: Request): boolean {
  const cookie = req.headers.get("cookie") ?? "";
  return SESSION_COOKIES.some((name) => cookie.includes(`${name}=`));
}

/**
 * Who is calling: an API key by HTTP Basic (`keyId:secret`), else the console's session cookie.
 * Null = no valid credentials (401). Wrong Basic credentials never fall back to the cookie.
 */
export async function resolveCaller(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const basic = parseBasic(authorization);
    return basic ? authenticateApiKey(basic.username, basic.password) : null;
  }
  if (!hasSessionCookie(req)) return null;
  const { auth } = await import("./next-auth");
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? findActiveUserActor(userId) : null;
}

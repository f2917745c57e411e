import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Calls Kith's route handlers the way Next does, with a real Request and Response, without a
 * server: tests exercise the HTTP layer (status, headers, body, auth) in milliseconds. The e2e
 * suite covers the same routes through `npm start`.
 */
type RouteModule = Record<string, ((req: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) | unknown>;
type RouteEntry = { pattern: RegExp; paramNames: string[]; file: string };

const appDir = path.resolve(__dirname, "..", "..", "app");

function findRouteFiles(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) findRouteFiles(full, found);
    else if (entry === "route.ts") found.push(full);
  }
  return found;
}

function toEntry(file: string): RouteEntry {
  const segments = path.relative(appDir, path.dirname(file)).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
  const paramNames: string[] = [];
  const parts = segments.map((segment) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
    if (catchAll) {
      paramNames.push(catchAll[1]);
      return "(.+)";
    }
    const param = /^\[(\w+)\]$/.exec(segment);
    if (param) {
      paramNames.push(param[1]);
      return "([^/]+)";
    }
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return { pattern: new RegExp(`^/${parts.join("/")}$`), paramNames, file };
}

// Static segments win over dynamic ones, as in Next (`/Profiles/Bulk` before `/Profiles/[id]`).
const routes = findRouteFiles(appDir)
  .map(toEntry)
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
export type ApiResult<T = any> = { status: number; headers: Headers; body: T; text: string };

export type CallOptions = {
  /** `keyId:secret` for HTTP Basic. */
  auth?: string;
  /** A JSON-serialisable body, sent with Content-Type: application/json. */
  json?: unknown;
  /** A raw body (for malformed JSON, forms, oversized bodies). */
  body?: string;
  headers?: Record<string, string>;
};

export function listRouteFiles(): string[] {
  return routes.map((route) => route.file);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function callApi<T = any>(method: string, pathAndQuery: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const url = new URL(pathAndQuery, "http://kith.test");
  const route = routes.find((candidate) => candidate.pattern.test(url.pathname));
  if (!route) return { status: 404, headers: new Headers(), body: undefined as T, text: "" };
  const match = route.pattern.exec(url.pathname)!;
  const params = Object.fromEntries(route.paramNames.map((name, index) => [name, match[index + 1]]));
  const routeModule = (await import(route.file)) as RouteModule;
  const handler = routeModule[method.toUpperCase()];
  if (typeof handler !== "function") return { status: 405, headers: new Headers(), body: undefined as T, text: "" };

  const headers = new Headers(options.headers);
  if (options.auth) headers.set("authorization", `Basic ${Buffer.from(options.auth).toString("base64")}`);
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers.set("content-type", "application/json");
  }
  const request = new Request(url, { method: method.toUpperCase(), headers, body });
  const response = await (handler as (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>)(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

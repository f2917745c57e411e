import type { Role } from "../db/generated/enums";
import type { Store } from "../db/generated/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { resolveCaller } from "../auth/resolve-caller";
import { findAccessibleStoreOrThrow } from "../stores/get-store";
import { whenReady } from "../startup/readiness";
import { errorResponse } from "./error-response";
import { RateLimiter, RateLimitedError } from "./rate-limit";
import { readEnv } from "../env";
import { readJson, DEFAULT_BODY_LIMIT } from "./read-body";
import { newRequestId, REQUEST_ID_HEADERS } from "./request-id";

type RouteParams = Record<string, string | string[] | undefined>;

export type ApiRouteOptions = {
  /** The least role the caller needs. */
  role: Role;
  /** Largest accepted body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** No credentials needed (health, OpenAPI, webhooks that check their own signature). */
  public?: boolean;
};

export type ApiContext = {
  req: Request;
  params: Record<string, string>;
  /** The authenticated caller; the system actor on public routes. */
  caller: Actor;
  requestId: string;
  /** `params.storeId`, checked to exist and to be within the caller's scope. */
  storeId: string;
  /** That store, as loaded for the check (null on routes without a store). */
  store: Store | null;
  /** The body parsed as JSON within the route's size limit (undefined when empty). */
  json(): Promise<unknown>;
  /** The query string as a plain object (for zod). */
  query: Record<string, string>;
};

type Handler = (context: ApiContext) => Promise<Response>;

// One limiter per process, shared by every route module copy.
const limiterHolder = globalThis as unknown as { kithRateLimiter?: RateLimiter };
function rateLimiter(): RateLimiter {
  return (limiterHolder.kithRateLimiter ??= new RateLimiter(readEnv().KITH_RATE_LIMIT_PER_SECOND));
}

const anonymous: Actor = { type: "SYSTEM", id: null, label: "anonymous", role: "AGENT", storeId: null };

function flattenParams(params: RouteParams): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === "string") flat[key] = decodeURIComponent(value);
  return flat;
}

/**
 * Every API route goes through here: request id, readiness, authentication (401), store scope
 * (another store's or an unknown store's resources are 404 alike), role (403), body limits and
 * the one error mapping. Handlers only parse, call one domain function, and respond.
 */
export function apiRoute(options: ApiRouteOptions, handler: Handler) {
  return async (req: Request, context: { params: Promise<RouteParams> }): Promise<Response> => {
    const requestId = newRequestId();
    let response: Response;
    try {
      await whenReady();
      const params = flattenParams((await context.params) ?? {});
      const caller = options.public ? anonymous : await resolveCaller(req);
      if (!caller) throw new AppError("unauthorized", "Authentication required: HTTP Basic with an API key (keyId:secret) or a console session");
      if (!options.public) rateLimiter().take(`${caller.type}:${caller.id}`);
      const storeId = params.storeId ?? "";
      let store: Store | null = null;
      if (storeId && !options.public) {
        store = await findAccessibleStoreOrThrow({ storeId, actor: caller });
      }
      if (!options.public) requireRole(caller, options.role);
      const limit = options.maxBodyBytes ?? DEFAULT_BODY_LIMIT;
      response = await handler({
        req,
        params,
        caller,
        requestId,
        storeId,
        store,
        json: () => readJson(req, limit),
        query: Object.fromEntries(new URL(req.url).searchParams),
      });
    } catch (error) {
      response = errorResponse(error, requestId, req);
      if (error instanceof RateLimitedError) response.headers.set("Retry-After", String(error.retryAfterSeconds));
    }
    for (const header of REQUEST_ID_HEADERS) response.headers.set(header, requestId);
    return response;
  };
}

/** A JSON response with optional headers, as the handlers return them. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

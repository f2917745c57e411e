import { z } from "zod";
import { apiOperations, type ApiOperation } from "./api-operations";
import { errorSchema } from "./response-schemas";

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
}

function queryParameters(query: z.ZodObject | undefined) {
  if (!query) return [];
  const schema = toSchema(query, "input") as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }));
}

const standardErrors: Record<number, string> = {
  400: "Invalid input: malformed JSON, or fields that fail validation (`details` lists them)",
  401: "No or invalid credentials",
  403: "The caller's role may not do this",
  404: "Not found, or not in the caller's store scope",
  413: "Request body too large",
  500: "Internal error",
};

function operationObject(operation: ApiOperation) {
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const headers = operation.etag === "sends" || operation.etag === "checks" ? { ETag: { schema: { type: "string" } } } : undefined;
    responses[status] = {
      description: response.description,
      ...(headers ? { headers } : {}),
      ...(response.schema ? { content: { [response.mediaType ?? "application/json"]: { schema: toSchema(response.schema, "output") } } } : {}),
    };
  }
  const errorStatuses = operation.role === null ? [500] : [400, 401, 403, 404, ...(operation.body ? [413] : []), 500];
  for (const status of errorStatuses) {
    responses[status] ??= { description: standardErrors[status], content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  }
  const ifMatch = operation.etag === "checks" ? [{ name: "If-Match", in: "header", required: false, schema: { type: "string" }, description: "ETag from a GET; 412 when the resource changed since" }] : [];
  return {
    operationId: `${operation.method}${operation.path.replace(/[{}]/g, "").replace(/[^a-zA-Z0-9]+(.)?/g, (_, next: string | undefined) => (next ?? "").toUpperCase())}`,
    summary: operation.summary,
    tags: [operation.tag],
    ...(operation.role === null ? { security: [] } : { description: `Needs the ${operation.role} role (or higher).` }),
    parameters: [...pathParameters(operation.path), ...queryParameters(operation.query), ...ifMatch],
    ...(operation.body ? { requestBody: { required: true, content: { [operation.bodyMediaType ?? "application/json"]: { schema: toSchema(operation.body, "input") } } } } : {}),
    responses,
  };
}

/** OpenAPI 3.1, generated from the same zod schemas the handlers validate requests with. */
export function buildOpenApiDocument(serverUrl?: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  return {
    openapi: "3.1.0",
    info: {
      title: "Kith API",
      version: "1.0.0",
      description:
        "Kith's conversation memory API. It follows Twilio's Conversation Memory API (v1): paths, field names, paging and error shapes. " +
        "Writes Twilio answers with 202 are applied before Kith answers, and the body adds the resource.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ basicAuth: [] }],
    components: {
      securitySchemes: { basicAuth: { type: "http", scheme: "basic", description: "API key as `keyId:secret`" } },
      schemas: { Error: toSchema(errorSchema, "output") },
    },
    paths,
  };
}

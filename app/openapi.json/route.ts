// GET /openapi.json – the OpenAPI 3.1 document, generated from the request schemas
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return Response.json(buildOpenApiDocument(new URL(req.url).origin));
}

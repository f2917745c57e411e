// GET /api/health – 200 only when start-up finished and the database answers; 503 otherwise
import { checkHealth } from "@/lib/startup/check-health";
import { newRequestId } from "@/lib/http/request-id";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "X-Request-Id": newRequestId(), "Cache-Control": "no-store" } });
}

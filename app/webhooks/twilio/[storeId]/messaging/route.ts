// POST /webhooks/twilio/{storeId}/messaging – Twilio's Messaging webhook: signature-checked, answers empty TwiML
import { apiRoute } from "@/lib/http/api-route";
import { publicRequestUrl } from "@/lib/http/public-request-url";
import { readForm } from "@/lib/http/read-body";
import { receiveTwilioMessage } from "@/lib/webhooks/receive-twilio-message";

export const dynamic = "force-dynamic";

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

// Public: no API key; the store's Twilio auth token signs the request instead (403 otherwise).
export const POST = apiRoute({ role: "AGENT", public: true }, async ({ req, storeId, requestId }) => {
  const form = await readForm(req);
  await receiveTwilioMessage({ storeId, url: publicRequestUrl(req), signature: req.headers.get("x-twilio-signature"), form, requestId });
  return new Response(emptyTwiml, { status: 200, headers: { "Content-Type": "text/xml" } });
});

import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { getPrisma } from "@/lib/db/client";
import { readEnv, resetEnvCache } from "@/lib/env";
import { newId } from "@/lib/ids";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

/*
 * Twilio is the external boundary here: every request is signed with the twilio package's own
 * signer, exactly as Twilio signs a webhook, over the URL Twilio would have called.
 */

const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
const business = "+18885550100";
const webhookPath = (storeId: string) => `/webhooks/twilio/${storeId}/messaging`;
// callApi sends requests to http://kith.test, with no proxy in front.
const internalUrl = (storeId: string) => `http://kith.test${webhookPath(storeId)}`;
const messageSid = () => `SM${randomBytes(16).toString("hex")}`;

type Message = { From: string; To?: string; Body?: string; MessageSid?: string } & Record<string, string | undefined>;

/** The form Twilio posts for an incoming message, with the fields it really sends. */
function twilioForm(message: Message): Record<string, string> {
  const sms = !message.From.startsWith("whatsapp:");
  const form: Record<string, string | undefined> = {
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: message.MessageSid,
    NumMedia: "0",
    SmsStatus: "received",
    FromCountry: sms ? "US" : "GB",
    NumSegments: "1",
    AccountSid: `AC${"0".repeat(32)}`,
    ApiVersion: "2010-04-01",
    Body: "",
    To: business,
    ...message,
    MessageSid: message.MessageSid ?? messageSid(),
  };
  form.SmsMessageSid = form.MessageSid;
  return Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

type DeliverOptions = { token?: string; url?: string; signature?: string | null; headers?: Record<string, string> };

describe("Twilio Messaging webhook", () => {
  const token = "twilio-auth-token-0123456789abcdef";
  let storeId: string;
  let admin: string;
  let agent: string;

  const deliverTo = (targetStoreId: string, form: Record<string, string>, options: DeliverOptions = {}) => {
    const signature = options.signature === undefined ? getExpectedTwilioSignature(options.token ?? token, options.url ?? internalUrl(targetStoreId), form) : options.signature;
    return callApi("POST", webhookPath(targetStoreId), {
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", ...(signature === null ? {} : { "x-twilio-signature": signature }), ...options.headers },
    });
  };
  const deliver = (form: Record<string, string>, options: DeliverOptions = {}) => deliverTo(storeId, form, options);

  const conversationsOf = async (targetStoreId: string, customerAddress: string) => {
    const prisma = await getPrisma();
    const conversations = await prisma.conversation.findMany({
      where: { storeId: targetStoreId, participants: { some: { type: "CUSTOMER", addresses: { equals: [{ channel: customerAddress.startsWith("whatsapp:") ? "WHATSAPP" : "SMS", address: customerAddress }] } } } },
      orderBy: { createdAt: "asc" },
      include: { communications: { orderBy: { occurredAt: "asc" } }, participants: { orderBy: { createdAt: "asc" } } },
    });
    return conversations;
  };

  const counts = async (targetStoreId: string) => {
    const prisma = await getPrisma();
    const [conversations, participants, communications, profiles, identifiers, resolutions, auditEvents] = await Promise.all([
      prisma.conversation.count({ where: { storeId: targetStoreId } }),
      prisma.participant.count({ where: { storeId: targetStoreId } }),
      prisma.communication.count({ where: { storeId: targetStoreId } }),
      prisma.profile.count({ where: { storeId: targetStoreId } }),
      prisma.identifier.count({ where: { storeId: targetStoreId } }),
      prisma.resolutionRecord.count({ where: { storeId: targetStoreId } }),
      prisma.auditEvent.count({ where: { storeId: targetStoreId } }),
    ]);
    return { conversations, participants, communications, profiles, identifiers, resolutions, auditEvents };
  };

  beforeAll(async () => {
    admin = await createTestKey("ADMIN");
    storeId = (await createTestStore("twilio-webhook")).id;
    agent = await createTestKey("AGENT", storeId);
    // Set up as an operator would: the auth token through the control plane.
    const patched = await callApi("PATCH", `/v1/ControlPlane/Stores/${storeId}`, { auth: admin, json: { twilioAuthToken: token } });
    expect(patched.status).toBe(202);
    expect(patched.body.store.twilioAuthTokenConfigured).toBe(true);
  });

  afterEach(() => {
    delete process.env.KITH_PUBLIC_URL;
    resetEnvCache();
  });

  describe("grouping messages into conversations", () => {
    it("stores SMS messages of one address pair in one open conversation, answering empty TwiML", async () => {
      const from = "+14155550101";
      const first = await deliver(twilioForm({ From: from, Body: "Hi, is my order shipped?" }));
      expect(first.status).toBe(200);
      expect(first.headers.get("content-type")).toBe("text/xml");
      expect(first.text).toBe(emptyTwiml);
      expect((await deliver(twilioForm({ From: from, Body: "Order 1234" }))).status).toBe(200);

      const [conversation, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(conversation).toMatchObject({ channel: "SMS", status: "ACTIVE", threadKey: `SMS:${from}|${business}` });
      expect(conversation.communications.map((communication) => communication.content)).toEqual(["Hi, is my order shipped?", "Order 1234"]);
      const [customer, businessNumber] = conversation.participants;
      expect(customer).toMatchObject({ type: "CUSTOMER", addresses: [{ channel: "SMS", address: from }] });
      expect(customer.profileId).toMatch(/^mem_profile_/);
      expect(businessNumber).toMatchObject({ type: "HUMAN_AGENT", name: "Business number", addresses: [{ channel: "SMS", address: business }], profileId: null });
      expect(conversation.communications.every((communication) => communication.participantId === customer.id && communication.resourceId?.startsWith("SM"))).toBe(true);
      expect(conversation.lastActivityAt.getTime()).toBe(conversation.communications[1].occurredAt.getTime());

      // The same conversation through the Conversations API.
      const listed = await callApi("GET", `/v1/Stores/${storeId}/Conversations?profileId=${customer.profileId}`, { auth: agent });
      expect(listed.body.conversations.map((item: { id: string }) => item.id)).toEqual([conversation.id]);
      const thread = await callApi("GET", `/v1/Stores/${storeId}/Conversations/${conversation.id}/Communications`, { auth: agent });
      expect(thread.body.communications.map((item: { content: { text: string } }) => item.content.text)).toEqual(["Hi, is my order shipped?", "Order 1234"]);
    });

    it("keeps another business number, and WhatsApp from the same phone, in conversations of their own", async () => {
      const from = "+14155550102";
      await deliver(twilioForm({ From: from, Body: "To the main line" }));
      await deliver(twilioForm({ From: from, To: "+18885550199", Body: "To the support line" }));
      await deliver(twilioForm({ From: `whatsapp:${from}`, To: `whatsapp:${business}`, Body: "On WhatsApp" }));
      const sms = await conversationsOf(storeId, from);
      expect(sms.map((conversation) => conversation.communications.map((communication) => communication.content))).toEqual([["To the main line"], ["To the support line"]]);
      const [whatsapp] = await conversationsOf(storeId, `whatsapp:${from}`);
      expect(whatsapp).toMatchObject({ channel: "WHATSAPP", threadKey: `WHATSAPP:${from}|${business}` });
    });

    it("takes WhatsApp's whatsapp: addresses as the WHATSAPP channel, with ProfileName as the customer's name", async () => {
      const from = "whatsapp:+447700900123";
      const response = await deliver(twilioForm({ From: from, To: `whatsapp:${business}`, Body: "Hello from London", ProfileName: "Grace", WaId: "447700900123" }));
      expect(response.status).toBe(200);
      await deliver(twilioForm({ From: from, To: `whatsapp:${business}`, Body: "Still there?", ProfileName: "Grace" }));
      const [conversation, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(conversation.channel).toBe("WHATSAPP");
      expect(conversation.communications).toHaveLength(2);
      const [customer, businessNumber] = conversation.participants;
      expect(customer).toMatchObject({ type: "CUSTOMER", name: "Grace", addresses: [{ channel: "WHATSAPP", address: from }] });
      expect(businessNumber).toMatchObject({ type: "HUMAN_AGENT", addresses: [{ channel: "WHATSAPP", address: `whatsapp:${business}` }] });
      const prisma = await getPrisma();
      const identifiers = await prisma.identifier.findMany({ where: { storeId, profileId: customer.profileId! } });
      expect(identifiers.map((identifier) => `${identifier.idType}:${identifier.value}`)).toEqual(["whatsapp:+447700900123"]);
    });

    it("starts a new conversation after the open one was CLOSED, and never reopens it", async () => {
      const from = "+14155550103";
      await deliver(twilioForm({ From: from, Body: "First visit" }));
      const [first] = await conversationsOf(storeId, from);
      const closed = await callApi("PATCH", `/v1/Stores/${storeId}/Conversations/${first.id}`, { auth: agent, json: { status: "CLOSED" } });
      expect(closed.status).toBe(200);

      await deliver(twilioForm({ From: from, Body: "Back again" }));
      await deliver(twilioForm({ From: from, Body: "And again" }));
      const [oldOne, newOne, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(oldOne).toMatchObject({ id: first.id, status: "CLOSED" });
      expect(oldOne.communications.map((communication) => communication.content)).toEqual(["First visit"]);
      expect(newOne).toMatchObject({ status: "ACTIVE", threadKey: first.threadKey });
      expect(newOne.communications.map((communication) => communication.content)).toEqual(["Back again", "And again"]);
      // The same customer, so the same profile.
      expect(newOne.participants[0].profileId).toBe(oldOne.participants[0].profileId);
    });

    it("wakes an INACTIVE conversation and moves its lastActivityAt, as the API does", async () => {
      const from = "+14155550104";
      await deliver(twilioForm({ From: from, Body: "Anyone?" }));
      const [conversation] = await conversationsOf(storeId, from);
      await callApi("PATCH", `/v1/Stores/${storeId}/Conversations/${conversation.id}`, { auth: agent, json: { status: "INACTIVE" } });

      await deliver(twilioForm({ From: from, Body: "Hello?" }));
      const [woken, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(woken).toMatchObject({ id: conversation.id, status: "ACTIVE", inactiveAt: null });
      expect(woken.lastActivityAt.getTime()).toBeGreaterThan(conversation.lastActivityAt.getTime());
      expect(woken.communications).toHaveLength(2);
    });

    it("stores a media-only message with its attachment types as the text", async () => {
      const from = "+14155550105";
      await deliver(twilioForm({ From: from, Body: "", NumMedia: "2", MediaContentType0: "image/jpeg", MediaUrl0: "https://api.twilio.com/media/1", MediaContentType1: "application/pdf", MediaUrl1: "https://api.twilio.com/media/2" }));
      const [conversation] = await conversationsOf(storeId, from);
      expect(conversation.communications.map((communication) => communication.content)).toEqual(["[2 attachments: image/jpeg, application/pdf]"]);
    });

    it("records the writes in the audit trail as the Twilio webhook", async () => {
      const from = "+14155550106";
      await deliver(twilioForm({ From: from, Body: "Audit me" }));
      await deliver(twilioForm({ From: from, Body: "Again" }));
      const [conversation] = await conversationsOf(storeId, from);
      const prisma = await getPrisma();
      const events = await prisma.auditEvent.findMany({ where: { storeId, resourceId: conversation.id }, orderBy: { createdAt: "asc" } });
      expect(events.map((event) => [event.action, event.actorType, event.actorLabel])).toEqual([
        ["conversation.create", "SYSTEM", "twilio webhook"],
        ["conversation.append", "SYSTEM", "twilio webhook"],
      ]);
    });
  });

  describe("identity", () => {
    it("puts the sender on the profile the Conversations API resolves for the same phone number", async () => {
      const viaApi = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, {
        auth: agent,
        json: { channel: "SMS", participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "(415) 555-0107" }] }] },
      });
      expect(viaApi.status).toBe(201);
      await deliver(twilioForm({ From: "+14155550107", Body: "It's Ada" }));
      const [conversation] = await conversationsOf(storeId, "+14155550107");
      expect(conversation.participants[0].profileId).toBe(viaApi.body.participants[0].profileId);
    });

    it("creates the profile the API then finds by any format of that number", async () => {
      await deliver(twilioForm({ From: "+14155550108", Body: "New here" }));
      const [conversation] = await conversationsOf(storeId, "+14155550108");
      const lookup = await callApi("POST", `/v1/Stores/${storeId}/Profiles/Lookup`, { auth: agent, json: { idType: "phone", value: "415.555.0108" } });
      expect(lookup.body.profiles).toEqual([conversation.participants[0].profileId]);
      const viaApi = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, {
        auth: agent,
        json: { channel: "VOICE", participants: [{ type: "CUSTOMER", addresses: [{ channel: "VOICE", address: "1 415 555 0108" }] }] },
      });
      expect(viaApi.body.participants[0].profileId).toBe(conversation.participants[0].profileId);
    });
  });

  describe("de-duplication by MessageSid", () => {
    it("stores a message Twilio delivers twice once", async () => {
      const from = "+14155550109";
      const form = twilioForm({ From: from, Body: "Retried" });
      const first = await deliver(form);
      const before = await counts(storeId);
      const second = await deliver(form);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.text).toBe(emptyTwiml);
      expect(await counts(storeId)).toEqual(before);
      const [conversation] = await conversationsOf(storeId, from);
      expect(conversation.communications.map((communication) => communication.resourceId)).toEqual([form.MessageSid]);
    });

    it("stores one message and one conversation when the same delivery arrives 5 times at once", async () => {
      const from = "+14155550110";
      const form = twilioForm({ From: from, Body: "Racing" });
      const before = await counts(storeId);
      const responses = await Promise.all(Array.from({ length: 5 }, () => deliver(form)));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      const [conversation, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(conversation.communications).toHaveLength(1);
      expect(conversation.participants).toHaveLength(2);
      const after = await counts(storeId);
      expect({ conversations: after.conversations - before.conversations, communications: after.communications - before.communications, profiles: after.profiles - before.profiles }).toEqual({
        conversations: 1,
        communications: 1,
        profiles: 1,
      });
    });

    it("opens one conversation when 5 different first messages of a pair arrive at once", async () => {
      const from = "+14155550111";
      const responses = await Promise.all(Array.from({ length: 5 }, (_, index) => deliver(twilioForm({ From: from, Body: `Burst ${index}` }))));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      const [conversation, ...others] = await conversationsOf(storeId, from);
      expect(others).toEqual([]);
      expect(conversation.communications).toHaveLength(5);
      expect(conversation.participants).toHaveLength(2);
    });
  });

  describe("refusals: 403 and nothing stored", () => {
    const expectRefused = async (response: Awaited<ReturnType<typeof deliver>>) => {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ status: 403, code: 20403, message: expect.stringContaining("X-Twilio-Signature") });
    };

    it("refuses a missing, malformed or wrong signature, and a tampered body", async () => {
      const before = await counts(storeId);
      const form = twilioForm({ From: "+14155550112", Body: "Forged" });
      await expectRefused(await deliver(form, { signature: null }));
      await expectRefused(await deliver(form, { signature: "" }));
      await expectRefused(await deliver(form, { signature: "bm90IGEgc2lnbmF0dXJl" }));
      await expectRefused(await deliver(form, { token: "another-account-token-000" }));
      const signature = getExpectedTwilioSignature(token, internalUrl(storeId), form);
      await expectRefused(await deliver({ ...form, Body: "Tampered" }, { signature }));
      await expectRefused(await deliver(form, { url: `${internalUrl(storeId)}?extra=1` }));
      expect(await counts(storeId)).toEqual(before);
    });

    it("refuses an unknown store, and a store without an auth token, alike", async () => {
      const withoutToken = (await createTestStore("twilio-no-token")).id;
      const before = await counts(withoutToken);
      const form = twilioForm({ From: "+14155550113", Body: "Nobody set a token" });
      await expectRefused(await deliverTo(withoutToken, form));
      await expectRefused(await deliverTo(withoutToken, form, { signature: null }));
      expect(await counts(withoutToken)).toEqual(before);

      const unknown = newId("store");
      await expectRefused(await deliverTo(unknown, form));
      await expectRefused(await deliverTo("not-a-store-id", form));
      const prisma = await getPrisma();
      expect(await prisma.communication.count({ where: { resourceId: form.MessageSid } })).toBe(0);
    });

    it("answers 413 for a body over 1 MiB, before anything is read into the store", async () => {
      const before = await counts(storeId);
      const form = twilioForm({ From: "+14155550114", Body: "x".repeat(1024 * 1024) });
      const response = await deliver(form);
      expect(response.status).toBe(413);
      expect(await counts(storeId)).toEqual(before);
    });

    it("answers 400 for a signed request that is no message", async () => {
      const before = await counts(storeId);
      const response = await deliver({ AccountSid: `AC${"0".repeat(32)}`, Body: "No sid, no sender" });
      expect(response.status).toBe(400);
      expect(response.body.details.map((issue: { path: string }) => issue.path)).toEqual(expect.arrayContaining(["MessageSid", "From", "To"]));
      expect(await counts(storeId)).toEqual(before);
    });
  });

  describe("the URL the signature covers", () => {
    it("checks against KITH_PUBLIC_URL when set: the public URL's signature validates, the internal one's does not", async () => {
      process.env.KITH_PUBLIC_URL = "https://kith.example.com/";
      resetEnvCache();
      const publicUrl = `https://kith.example.com${webhookPath(storeId)}`;
      const before = await counts(storeId);
      const internal = await deliver(twilioForm({ From: "+14155550115", Body: "Signed for the inside" }), { url: internalUrl(storeId) });
      expect(internal.status).toBe(403);
      expect(await counts(storeId)).toEqual(before);

      const viaPublic = await deliver(twilioForm({ From: "+14155550115", Body: "Signed for the outside" }), { url: publicUrl });
      expect(viaPublic.status).toBe(200);
      const [conversation] = await conversationsOf(storeId, "+14155550115");
      expect(conversation.communications.map((communication) => communication.content)).toEqual(["Signed for the outside"]);
    });

    it("keeps a path prefix of KITH_PUBLIC_URL and the query string Twilio was given", async () => {
      process.env.KITH_PUBLIC_URL = "https://example.org/kith";
      resetEnvCache();
      const form = twilioForm({ From: "+14155550116", Body: "Behind a prefix" });
      const response = await callApi("POST", `${webhookPath(storeId)}?tenant=eu`, {
        body: new URLSearchParams(form).toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": getExpectedTwilioSignature(token, `https://example.org/kith${webhookPath(storeId)}?tenant=eu`, form),
        },
      });
      expect(response.status).toBe(200);
    });

    it("without KITH_PUBLIC_URL, rebuilds the URL from X-Forwarded-Proto and X-Forwarded-Host", async () => {
      const form = twilioForm({ From: "+14155550117", Body: "Through a proxy" });
      const proxied = `https://hooks.example.net${webhookPath(storeId)}`;
      const headers = { "x-forwarded-proto": "https", "x-forwarded-host": "hooks.example.net" };
      expect((await deliver(form, { url: proxied, headers })).status).toBe(200);
      // Without the headers the URL is the request's own, which Twilio did not sign.
      expect((await deliver(twilioForm({ From: "+14155550117", Body: "Unproxied" }), { url: proxied })).status).toBe(403);
    });

    it("refuses a KITH_PUBLIC_URL that is not an http(s) URL, or has a query string", () => {
      for (const value of ["kith.example.com", "ftp://kith.example.com", "https://kith.example.com/?a=1"]) {
        process.env.KITH_PUBLIC_URL = value;
        resetEnvCache();
        expect(() => readEnv()).toThrow(/KITH_PUBLIC_URL/);
      }
    });
  });

  it("is in /openapi.json as a public, form-encoded operation", async () => {
    const document = (await callApi("GET", "/openapi.json")).body;
    const operation = document.paths["/webhooks/twilio/{storeId}/messaging"].post;
    expect(operation.security).toEqual([]);
    const schema = operation.requestBody.content["application/x-www-form-urlencoded"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["MessageSid", "From", "To"]));
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(["200", "403", "413"]));
    expect(operation.responses["200"].content["text/xml"]).toBeDefined();
  });
});

import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { toActionFailure } from "@/lib/console/action-result";
import { describeProviders } from "@/lib/console/describe-providers";
import { parseStoreSettingsForm, timeoutFieldName, toStoreSettingsFormValues } from "@/lib/console/store-settings-form";
import { channels, defaultConversationTimeouts } from "@/lib/stores/store-schemas";
import type { StoreView } from "@/lib/stores/store-view";

const store: StoreView = {
  id: "mem_store_01jz0000000000000000000000",
  displayName: "acme-support",
  description: null,
  status: "ACTIVE",
  intelligenceServiceId: null,
  version: 3,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-02T00:00:00Z"),
  autoApproveObservations: false,
  allowExtractedTraits: true,
  screenCommunications: true,
  conversationTimeouts: defaultConversationTimeouts,
  twilioAuthTokenConfigured: false,
};

/** The form as the browser posts it for `store`, with some fields changed (null removes one). */
function formFor(changes: Record<string, string | null> = {}): FormData {
  const values = toStoreSettingsFormValues(store);
  const form = new FormData();
  form.set("storeId", store.id);
  form.set("expectedVersion", String(store.version));
  form.set("displayName", values.displayName);
  form.set("description", values.description);
  for (const name of ["autoApproveObservations", "allowExtractedTraits", "screenCommunications"] as const) if (values[name]) form.set(name, "on");
  for (const [name, value] of Object.entries(values.timeouts)) form.set(name, value);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) form.delete(name);
    else form.set(name, value);
  }
  return form;
}

function fieldErrorsOf(form: FormData): Record<string, string> {
  try {
    parseStoreSettingsForm(form);
  } catch (error) {
    expect(error).toBeInstanceOf(ZodError);
    return toActionFailure(error).fieldErrors;
  }
  throw new Error("the form was accepted");
}

describe("the store settings form", () => {
  it("reads an unchanged form back into the stored settings, as a PATCH body", () => {
    const { storeId, expectedVersion, patch } = parseStoreSettingsForm(formFor());
    expect(storeId).toBe(store.id);
    expect(expectedVersion).toBe(3);
    expect(patch).toEqual({
      displayName: "acme-support",
      description: null,
      autoApproveObservations: false,
      allowExtractedTraits: true,
      screenCommunications: true,
      conversationTimeouts: defaultConversationTimeouts,
    });
  });

  it("reads changed checkboxes, a trimmed description and new timeouts", () => {
    const { patch } = parseStoreSettingsForm(
      formFor({
        autoApproveObservations: "on",
        screenCommunications: null,
        description: "  Support desk  ",
        [timeoutFieldName("CHAT", "inactiveAfterMinutes")]: " 45 ",
        [timeoutFieldName("CHAT", "closedAfterMinutes")]: "90",
      }),
    );
    expect(patch.autoApproveObservations).toBe(true);
    expect(patch.screenCommunications).toBe(false);
    expect(patch.description).toBe("Support desk");
    expect(patch.conversationTimeouts?.CHAT).toEqual({ inactiveAfterMinutes: 45, closedAfterMinutes: 90 });
    expect(patch.conversationTimeouts?.SMS).toEqual(defaultConversationTimeouts.SMS);
  });

  it("puts the error of a closed timeout below the inactive one on that channel's field", () => {
    const errors = fieldErrorsOf(formFor({ [timeoutFieldName("VOICE", "inactiveAfterMinutes")]: "40", [timeoutFieldName("VOICE", "closedAfterMinutes")]: "30" }));
    expect(errors).toEqual({ "conversationTimeouts.VOICE.closedAfterMinutes": "Must be at least the inactive timeout (40 min)" });
  });

  it("refuses blank, fractional and out-of-range minutes field by field", () => {
    const errors = fieldErrorsOf(
      formFor({
        [timeoutFieldName("SMS", "inactiveAfterMinutes")]: "",
        [timeoutFieldName("EMAIL", "inactiveAfterMinutes")]: "2.5",
        [timeoutFieldName("RCS", "inactiveAfterMinutes")]: "0",
        [timeoutFieldName("RCS", "closedAfterMinutes")]: "9999999",
      }),
    );
    expect(errors["conversationTimeouts.SMS.inactiveAfterMinutes"]).toBe("Enter a number of minutes");
    expect(errors["conversationTimeouts.EMAIL.inactiveAfterMinutes"]).toBe("Whole minutes only");
    // The range comes from the Stores API's own schema, so the console and the API agree.
    expect(errors["conversationTimeouts.RCS.inactiveAfterMinutes"]).toMatch(/>=1/);
    expect(errors["conversationTimeouts.RCS.closedAfterMinutes"]).toMatch(/<=129600/);
  });

  it("refuses a name the API would refuse, with the API's message", () => {
    expect(fieldErrorsOf(formFor({ displayName: "acme support!" }))).toEqual({ displayName: "letters, digits and hyphens only" });
    expect(fieldErrorsOf(formFor({ displayName: "  " }))).toEqual({ displayName: "Enter a name" });
  });

  it("refuses a form without its version or store (a forged or truncated post)", () => {
    expect(Object.keys(fieldErrorsOf(formFor({ expectedVersion: null })))).toEqual(["expectedVersion"]);
    expect(Object.keys(fieldErrorsOf(formFor({ storeId: null })))).toEqual(["storeId"]);
    expect(Object.keys(fieldErrorsOf(formFor({ [timeoutFieldName("WHATSAPP", "closedAfterMinutes")]: null })))).toEqual(["conversationTimeouts.WHATSAPP.closedAfterMinutes"]);
  });

  it("shows every channel's timeouts as strings", () => {
    const values = toStoreSettingsFormValues(store);
    expect(Object.keys(values.timeouts)).toHaveLength(channels.length * 2);
    expect(values.timeouts["conversationTimeouts.EMAIL.closedAfterMinutes"]).toBe(String(7 * 24 * 60));
  });
});

describe("the providers shown on the store settings page", () => {
  const none = {
    KITH_LLM_BASE_URL: undefined,
    KITH_LLM_API_KEY: undefined,
    KITH_LLM_MODEL: undefined,
    KITH_EMBEDDINGS_BASE_URL: undefined,
    KITH_EMBEDDINGS_API_KEY: undefined,
    KITH_EMBEDDINGS_MODEL: undefined,
  };

  it("says built in when nothing is configured (and when an LLM URL has no model, as the extractor does)", () => {
    expect(describeProviders(none, "kith-wordnet-v1")).toEqual({
      llm: { kind: "builtin", model: "built-in rules", host: null, hasApiKey: false },
      embeddings: { kind: "builtin", model: "kith-wordnet-v1", host: null, hasApiKey: false },
    });
    expect(describeProviders({ ...none, KITH_LLM_BASE_URL: "http://localhost:11434/v1" }, "kith-wordnet-v1").llm.kind).toBe("builtin");
  });

  it("shows an endpoint's model and host, never its credentials or path", () => {
    const status = describeProviders(
      {
        ...none,
        KITH_LLM_BASE_URL: "https://user:hunter2@llm.example.com:8443/v1?api-key=sekrit",
        KITH_LLM_API_KEY: "sk-secret",
        KITH_LLM_MODEL: "gpt-4o-mini",
        KITH_EMBEDDINGS_BASE_URL: "http://embed.internal/v1",
        KITH_EMBEDDINGS_MODEL: "bge-small",
      },
      "openai:bge-small",
    );
    expect(status.llm).toEqual({ kind: "endpoint", model: "gpt-4o-mini", host: "llm.example.com:8443", hasApiKey: true });
    expect(status.embeddings).toEqual({ kind: "endpoint", model: "openai:bge-small", host: "embed.internal", hasApiKey: false });
    expect(JSON.stringify(status)).not.toMatch(/hunter2|sekrit|sk-secret/);
  });
});

import { z } from "zod";
import { channels, storePatchSchema, timeoutSchema, type StorePatchInput } from "../stores/store-schemas";
import type { StoreView } from "../stores/store-view";

/** What a form's fields arrive as (FormData and URLSearchParams both fit). */
export type FormFields = { get(name: string): FormDataEntryValue | null };

/** The name of a timeout's input, which is also the path of its error (the API's field path). */
export function timeoutFieldName(channel: (typeof channels)[number], which: "inactiveAfterMinutes" | "closedAfterMinutes"): string {
  return `conversationTimeouts.${channel}.${which}`;
}

/** The form's values as strings (what the inputs show), from the stored settings. */
export type StoreSettingsFormValues = {
  displayName: string;
  description: string;
  autoApproveObservations: boolean;
  allowExtractedTraits: boolean;
  screenCommunications: boolean;
  timeouts: Record<string, string>;
};

export function toStoreSettingsFormValues(store: StoreView): StoreSettingsFormValues {
  const timeouts: Record<string, string> = {};
  for (const channel of channels) {
    timeouts[timeoutFieldName(channel, "inactiveAfterMinutes")] = String(store.conversationTimeouts[channel].inactiveAfterMinutes);
    timeouts[timeoutFieldName(channel, "closedAfterMinutes")] = String(store.conversationTimeouts[channel].closedAfterMinutes);
  }
  return {
    displayName: store.displayName,
    description: store.description ?? "",
    autoApproveObservations: store.autoApproveObservations,
    allowExtractedTraits: store.allowExtractedTraits,
    screenCommunications: store.screenCommunications,
    timeouts,
  };
}

// A checked box sends "on" (or the value it names); an unchecked one sends nothing.
const checkbox = z
  .string()
  .nullable()
  .transform((value) => value === "on" || value === "true");

const minutes = z
  .string({ error: "Enter a number of minutes" })
  .trim()
  .min(1, "Enter a number of minutes")
  .regex(/^\d+$/, "Whole minutes only")
  .transform(Number);

// The API's own ranges, so every field's problem shows in one round, with the API's message.
const timeoutFields = z.object({
  inactiveAfterMinutes: minutes.pipe(timeoutSchema.shape.inactiveAfterMinutes),
  closedAfterMinutes: minutes.pipe(timeoutSchema.shape.closedAfterMinutes),
});

const formSchema = z.object({
  storeId: z.string({ error: "The form does not name a store" }).trim().min(1).max(64),
  expectedVersion: z.coerce.number({ error: "The form does not carry the settings' version: reload the page" }).int().min(1),
  displayName: z.string({ error: "Enter a name" }).trim().min(1, "Enter a name").pipe(storePatchSchema.shape.displayName.unwrap()),
  description: z
    .string()
    .nullable()
    .transform((value) => (value === null || value.trim() === "" ? null : value.trim()))
    .pipe(storePatchSchema.shape.description.unwrap()),
  autoApproveObservations: checkbox,
  allowExtractedTraits: checkbox,
  screenCommunications: checkbox,
  conversationTimeouts: z
    .object(Object.fromEntries(channels.map((channel) => [channel, timeoutFields])) as Record<(typeof channels)[number], typeof timeoutFields>)
    .superRefine((timeouts, context) => {
      // The API's schema says the same for the whole object; here the error lands on the one field.
      for (const channel of channels) {
        const { inactiveAfterMinutes, closedAfterMinutes } = timeouts[channel];
        if (closedAfterMinutes < inactiveAfterMinutes) {
          context.addIssue({
            code: "custom",
            path: [channel, "closedAfterMinutes"],
            message: `Must be at least the inactive timeout (${inactiveAfterMinutes} min)`,
          });
        }
      }
    }),
});

export type StoreSettingsSubmission = { storeId: string; expectedVersion: number; patch: StorePatchInput };

/**
 * Reads the store settings form into the Stores API's PATCH body, validated by the API's own
 * schema (`storePatchSchema`), so the console accepts exactly what PATCH …/Stores/{id} accepts.
 * Throws a ZodError whose issue paths are the form's field names.
 */
export function parseStoreSettingsForm(fields: FormFields): StoreSettingsSubmission {
  const timeouts = Object.fromEntries(
    channels.map((channel) => [
      channel,
      {
        inactiveAfterMinutes: fields.get(timeoutFieldName(channel, "inactiveAfterMinutes")),
        closedAfterMinutes: fields.get(timeoutFieldName(channel, "closedAfterMinutes")),
      },
    ]),
  );
  const { storeId, expectedVersion, ...patch } = formSchema.parse({
    storeId: fields.get("storeId"),
    expectedVersion: fields.get("expectedVersion"),
    displayName: fields.get("displayName"),
    description: fields.get("description"),
    autoApproveObservations: fields.get("autoApproveObservations"),
    allowExtractedTraits: fields.get("allowExtractedTraits"),
    screenCommunications: fields.get("screenCommunications"),
    conversationTimeouts: timeouts,
  });
  return { storeId, expectedVersion, patch: storePatchSchema.parse(patch) };
}

const dateTimeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A timestamp as the console shows it: the same on server and browser (UTC, so no hydration drift). */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return `${dateTimeFormat.format(new Date(value))} UTC`;
}

import { describe, expect, it } from "vitest";
import { consoleAuditQuery } from "@/lib/audit/audit-schemas";
import { actorFilterValue, hasAuditFilters, toAuditEventFilterOptions } from "@/lib/console/audit-trail-filters";
import { diffAuditValues } from "@/lib/console/diff-audit-values";

describe("an audit event's before/after diff", () => {
  it("lists changed, added, removed and unchanged fields by dotted path, in the before's order", () => {
    const before = { displayName: "acme", autoApproveObservations: false, conversationTimeouts: { SMS: { inactiveAfterMinutes: 60, closedAfterMinutes: 1440 } }, description: "old" };
    const after = { displayName: "acme", autoApproveObservations: true, conversationTimeouts: { SMS: { inactiveAfterMinutes: 45, closedAfterMinutes: 1440 } }, twilioAuthTokenConfigured: true };
    expect(diffAuditValues(before, after)).toEqual([
      { path: "displayName", kind: "unchanged", before: "acme", after: "acme" },
      { path: "autoApproveObservations", kind: "changed", before: "false", after: "true" },
      { path: "conversationTimeouts.SMS.inactiveAfterMinutes", kind: "changed", before: "60", after: "45" },
      { path: "conversationTimeouts.SMS.closedAfterMinutes", kind: "unchanged", before: "1440", after: "1440" },
      { path: "description", kind: "removed", before: "old" },
      { path: "twilioAuthTokenConfigured", kind: "added", after: "true" },
    ]);
  });

  it("shows a create as all added and a delete as all removed", () => {
    expect(diffAuditValues(null, { id: "k1", role: "AGENT" })).toEqual([
      { path: "id", kind: "added", after: "k1" },
      { path: "role", kind: "added", after: "AGENT" },
    ]);
    expect(diffAuditValues({ id: "k1" }, undefined)).toEqual([{ path: "id", kind: "removed", before: "k1" }]);
    expect(diffAuditValues(undefined, null)).toEqual([]);
    expect(diffAuditValues({}, {})).toEqual([]);
  });

  it("compares lists as a whole, tells null from absent, and keeps bare values", () => {
    expect(diffAuditValues({ tags: ["a", "b"], note: null }, { tags: ["a", "b", "c"], note: null })).toEqual([
      { path: "tags", kind: "changed", before: '["a","b"]', after: '["a","b","c"]' },
      { path: "note", kind: "unchanged", before: "null", after: "null" },
    ]);
    expect(diffAuditValues({ note: null }, { note: "x" })).toEqual([{ path: "note", kind: "changed", before: "null", after: "x" }]);
    expect(diffAuditValues("PENDING", "APPROVED")).toEqual([{ path: "(value)", kind: "changed", before: "PENDING", after: "APPROVED" }]);
    expect(diffAuditValues({ meta: {} }, { meta: { a: 1 } })).toEqual([
      { path: "meta", kind: "removed", before: "{}" },
      { path: "meta.a", kind: "added", after: "1" },
    ]);
  });
});

describe("the audit trail's URL filters", () => {
  it("turns a range of UTC days into instants, the last day included", () => {
    const options = toAuditEventFilterOptions({ from: "2026-03-01", to: "2026-03-02", action: "store.update" });
    expect(options.createdFrom?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(options.createdBefore?.toISOString()).toBe("2026-03-03T00:00:00.000Z");
    expect(options.action).toBe("store.update");
  });

  it("filters Kith itself by actor type (it has no id) and anyone else by id", () => {
    expect(toAuditEventFilterOptions({ actor: "system" })).toMatchObject({ actorType: "SYSTEM", actorId: undefined });
    expect(toAuditEventFilterOptions({ actor: "mem_user_x" })).toMatchObject({ actorType: undefined, actorId: "mem_user_x" });
    expect(actorFilterValue("SYSTEM", null)).toBe("system");
    expect(actorFilterValue("API_KEY", "kith_key_1")).toBe("kith_key_1");
    expect(hasAuditFilters({})).toBe(false);
    expect(hasAuditFilters({ resourceId: "r" })).toBe(true);
  });

  it("refuses a range that ends before it starts, and days that are not days", () => {
    const backwards = consoleAuditQuery.safeParse({ from: "2026-03-02", to: "2026-03-01" });
    expect(backwards.success).toBe(false);
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["to"], message: "the first day must not be after the last" });
    expect(consoleAuditQuery.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(consoleAuditQuery.safeParse({ to: "yesterday" }).success).toBe(false);
    expect(consoleAuditQuery.safeParse({ from: "2026-03-01", to: "2026-03-01", actor: "system" }).success).toBe(true);
  });
});

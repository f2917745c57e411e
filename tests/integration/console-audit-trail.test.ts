import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { systemActor } from "@/lib/auth/actor";
import { listAuditActors } from "@/lib/audit/list-audit-actors";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { toAuditEventRow } from "@/lib/audit/record-audit-event";
import { toAuditEventFilterOptions, type AuditTrailFilters } from "@/lib/console/audit-trail-filters";
import { getPrisma } from "@/lib/db/client";
import { createTestStore } from "../helpers/test-actors";

const ada: Actor = { type: "USER", id: "mem_user_audit_ada", label: "ada@example.com", role: "ADMIN", storeId: null };
const botKey: Actor = { type: "API_KEY", id: "kith_key_audit_bot", label: "support bot", role: "AGENT", storeId: null };
const supervisor: Actor = { type: "USER", id: "mem_user_audit_sup", label: "sup@example.com", role: "SUPERVISOR", storeId: null };
const agent: Actor = { type: "USER", id: "mem_user_audit_agent", label: "agent@example.com", role: "AGENT", storeId: null };

describe("the console's audit trail filters", () => {
  let storeId: string;
  let otherStoreId: string;

  beforeAll(async () => {
    storeId = (await createTestStore("audit")).id;
    otherStoreId = (await createTestStore("audit-other")).id;
    const prisma = await getPrisma();
    const at = (day: string) => new Date(`${day}T12:00:00Z`);
    const events = [
      { actor: ada, action: "store.update", resourceType: "store", resourceId: storeId, createdAt: at("2026-03-01") },
      { actor: botKey, action: "profile.create", resourceType: "profile", resourceId: "mem_profile_a", createdAt: at("2026-03-02") },
      { actor: botKey, action: "profile.update", resourceType: "profile", resourceId: "mem_profile_a", createdAt: at("2026-03-03") },
      { actor: systemActor, action: "conversation.timeout", resourceType: "conversation", resourceId: "conv_conversation_a", createdAt: at("2026-03-03") },
      { actor: ada, action: "profile.update", resourceType: "profile", resourceId: "mem_profile_b", createdAt: new Date("2026-03-04T23:59:59Z") },
    ];
    for (const event of events) await prisma.auditEvent.create({ data: { ...toAuditEventRow({ storeId, ...event }), createdAt: event.createdAt } });
    await prisma.auditEvent.create({ data: toAuditEventRow({ storeId: otherStoreId, actor: ada, action: "store.update", resourceType: "store", resourceId: otherStoreId }) });
  });

  const actions = async (filters: AuditTrailFilters, actor: Actor = supervisor) => {
    const page = await listAuditEvents({ storeId, actor, page: { pageSize: 50, orderBy: "ASC" }, ...toAuditEventFilterOptions(filters) });
    return page.items.filter((event) => event.action !== "store.create").map((event) => `${event.action}@${event.resourceId}`);
  };

  it("filters by user, API key and Kith itself", async () => {
    expect(await actions({ actor: ada.id! })).toEqual([`store.update@${storeId}`, "profile.update@mem_profile_b"]);
    expect(await actions({ actor: botKey.id! })).toEqual(["profile.create@mem_profile_a", "profile.update@mem_profile_a"]);
    expect(await actions({ actor: "system" })).toEqual(expect.arrayContaining(["conversation.timeout@conv_conversation_a"]));
    expect(await actions({ actor: "system" })).not.toContain("profile.update@mem_profile_a");
  });

  it("filters by resource type and id, and by action, together", async () => {
    expect(await actions({ resourceType: "profile", resourceId: "mem_profile_a" })).toEqual(["profile.create@mem_profile_a", "profile.update@mem_profile_a"]);
    expect(await actions({ action: "profile.update", actor: ada.id! })).toEqual(["profile.update@mem_profile_b"]);
    expect(await actions({ resourceId: "mem_profile_nobody" })).toEqual([]);
  });

  it("filters by a range of UTC days with both ends included", async () => {
    expect(await actions({ from: "2026-03-02", to: "2026-03-03" })).toEqual(["profile.create@mem_profile_a", "profile.update@mem_profile_a", "conversation.timeout@conv_conversation_a"]);
    expect(await actions({ from: "2026-03-04", to: "2026-03-04" })).toEqual(["profile.update@mem_profile_b"]);
    expect(await actions({ to: "2026-03-01" })).toEqual([`store.update@${storeId}`]);
  });

  it("lists the trail's actors for the filter, newest first, only from this store", async () => {
    const actors = await listAuditActors({ storeId, actor: supervisor });
    const labels = actors.map((entry) => `${entry.actorType}:${entry.actorId}:${entry.label}`);
    expect(labels).toEqual(expect.arrayContaining([`USER:${ada.id}:${ada.label}`, `API_KEY:${botKey.id}:${botKey.label}`, "SYSTEM:null:Kith (system)"]));
    expect(new Set(labels).size).toBe(labels.length);
    // The store's own creation (by the system, now) is the newest; ada's last event is the newest of the seeded ones.
    const seeded = actors.filter((entry) => entry.actorId === ada.id || entry.actorId === botKey.id);
    expect(seeded.map((entry) => entry.actorId)).toEqual([ada.id, botKey.id]);
  });

  it("refuses an AGENT and a key scoped to another store", async () => {
    await expect(listAuditActors({ storeId, actor: agent })).rejects.toMatchObject({ kind: "forbidden" });
    await expect(actions({}, agent)).rejects.toMatchObject({ kind: "forbidden" });
    const otherStoreAdmin: Actor = { ...ada, type: "API_KEY", id: "kith_key_scoped", storeId: otherStoreId };
    await expect(listAuditActors({ storeId, actor: otherStoreAdmin })).rejects.toMatchObject({ kind: "not_found" });
    await expect(listAuditActors({ storeId: null, actor: supervisor })).rejects.toMatchObject({ kind: "forbidden" });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { listMergeQueue } from "@/lib/console/list-merge-queue";
import { approveMerge } from "@/lib/merges/approve-merge";
import { listMerges } from "@/lib/merges/list-merges";
import { rejectMerge } from "@/lib/merges/reject-merge";
import { undoMerge } from "@/lib/merges/undo-merge";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { buildStore } from "@/prisma/builders";

const reviewMode = { ...defaultIdentitySettings, mergeMode: "review" as const };
const admin: Actor = { type: "USER", id: "user-admin", label: "admin@example.com", role: "ADMIN", storeId: null };
const minute = 60_000;

/** Two customers, then one record carrying both their identifiers: in review mode, a PENDING merge. */
async function proposeMerge(storeId: string, n: number): Promise<string> {
  const email = `customer${n}@example.com`;
  const phone = `+1 415 555 01${String(n).padStart(2, "0")}`;
  await createOrResolveProfile({ storeId, traits: { Contact: { email } }, actor: systemActor });
  const source = await createOrResolveProfile({ storeId, traits: { Contact: { phone } }, actor: systemActor });
  await createOrResolveProfile({ storeId, traits: { Contact: { email, phone } }, actor: systemActor });
  const [merge] = (await listMerges({ storeId, status: "PENDING", profileId: source.profileId, page: { pageSize: 10, orderBy: "ASC" } })).items;
  return merge.id;
}

/** Pins a decision (or undo) time, so the order under test does not hang on the clock's resolution. */
async function setTime(storeId: string, mergeId: string, column: "decidedAt" | "undoneAt", at: Date) {
  const prisma = await getPrisma();
  await prisma.merge.update({ where: { storeId_id: { storeId, id: mergeId } }, data: { [column]: at } });
}

const ids = (page: { items: { id: string }[] }) => page.items.map((merge) => merge.id);

describe("merges listed by when they were decided", () => {
  let storeId: string;
  // Recorded (proposed) in this order: first, second, third, fourth, fifth.
  let first: string, second: string, third: string, fourth: string, fifth: string;
  const base = Date.now() - 60 * minute;

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await buildStore(prisma, { identitySettings: reviewMode })).id;
    [first, second, third, fourth, fifth] = [await proposeMerge(storeId, 1), await proposeMerge(storeId, 2), await proposeMerge(storeId, 3), await proposeMerge(storeId, 4), await proposeMerge(storeId, 5)];
    for (const mergeId of [first, second, third, fourth]) await approveMerge({ storeId, mergeId, actor: admin });
    // Decided in another order than recorded: third, then first, then second and fourth at the same instant.
    await setTime(storeId, third, "decidedAt", new Date(base));
    await setTime(storeId, first, "decidedAt", new Date(base + minute));
    await setTime(storeId, second, "decidedAt", new Date(base + 2 * minute));
    await setTime(storeId, fourth, "decidedAt", new Date(base + 2 * minute));
    await rejectMerge({ storeId, mergeId: fifth, actor: admin });
  });

  it("the Applied tab shows the newest decision first, not the newest proposal (equal times: the later id first)", async () => {
    const applied = await listMergeQueue({ storeId, tab: "applied" });
    expect(ids(applied)).toEqual([fourth, second, first, third]);
    // Ordered by when they were recorded, the list reads differently: that was the old Applied tab.
    expect(ids(await listMerges({ storeId, status: "APPLIED", page: { pageSize: 10, orderBy: "DESC" } }))).toEqual([fourth, third, second, first]);
  });

  it("pages forwards and back over (decision time, id) without skipping or repeating a merge", async () => {
    const page = (pageToken?: string) => listMerges({ storeId, status: "APPLIED", order: "decided", page: { pageSize: 2, orderBy: "DESC", pageToken } });
    const one = await page();
    expect(ids(one)).toEqual([fourth, second]);
    expect(one.previousToken).toBeNull();
    const two = await page(one.nextToken!);
    expect(ids(two)).toEqual([first, third]);
    expect(two.nextToken).toBeNull();
    const back = await page(two.previousToken!);
    expect(ids(back)).toEqual([fourth, second]);
    expect(back.previousToken).toBeNull();
    expect(back.nextToken).not.toBeNull();

    const oldestFirst = await listMerges({ storeId, status: "APPLIED", order: "decided", page: { pageSize: 3, orderBy: "ASC" } });
    expect(ids(oldestFirst)).toEqual([third, first, second]);
    expect(ids(await listMerges({ storeId, status: "APPLIED", order: "decided", page: { pageSize: 3, orderBy: "ASC", pageToken: oldestFirst.nextToken! } }))).toEqual([fourth]);
  });

  it("the Rejected tab lists rejected merges by decision and the Undone tab by when each was undone", async () => {
    expect(ids(await listMergeQueue({ storeId, tab: "rejected" }))).toEqual([fifth]);
    await undoMerge({ storeId, mergeId: first, actor: admin });
    await undoMerge({ storeId, mergeId: third, actor: admin });
    await setTime(storeId, third, "undoneAt", new Date(base + 10 * minute));
    await setTime(storeId, first, "undoneAt", new Date(base + 20 * minute));
    expect(ids(await listMergeQueue({ storeId, tab: "undone" }))).toEqual([first, third]);
    expect(ids(await listMergeQueue({ storeId, tab: "applied" }))).toEqual([fourth, second]);
  });

  it("refuses an order the status cannot have, and a page token from the other order", async () => {
    await expect(listMerges({ storeId, status: "PENDING", order: "decided", page: { pageSize: 2, orderBy: "DESC" } })).rejects.toMatchObject({ kind: "bad_request" });
    await expect(listMerges({ storeId, order: "undone", page: { pageSize: 2, orderBy: "DESC" } })).rejects.toMatchObject({ kind: "bad_request" });
    const recorded = await listMerges({ storeId, status: "APPLIED", page: { pageSize: 1, orderBy: "DESC" } });
    await expect(listMerges({ storeId, status: "APPLIED", order: "decided", page: { pageSize: 1, orderBy: "DESC", pageToken: recorded.nextToken! } })).rejects.toMatchObject({
      kind: "bad_request",
      message: "Invalid pageToken",
    });
  });
});

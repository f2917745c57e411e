import { beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { putIdentityResolutionSettings } from "@/lib/identity/put-identity-resolution-settings";
import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

describe("merges over HTTP", () => {
  let storeId: string;
  let admin: string;
  beforeAll(async () => {
    storeId = (await createTestStore("merges-api")).id;
    admin = await createTestKey("ADMIN");
    await putIdentityResolutionSettings({ storeId, settings: { ...defaultIdentitySettings, mergeMode: "review" }, actor: systemActor });
  });

  it("lists the queue, approves, undoes, and answers 308 for the merged-away id afterwards", async () => {
    const one = await createOrResolveProfile({ storeId, traits: { Contact: { email: "q@example.com" } }, actor: systemActor });
    const two = await createOrResolveProfile({ storeId, traits: { Contact: { phone: "+14155550130" } }, actor: systemActor });
    await createOrResolveProfile({ storeId, traits: { Contact: { email: "q@example.com", phone: "+14155550130" } }, actor: systemActor });

    const queue = await callApi("GET", `/v1/Stores/${storeId}/Merges?status=PENDING`, { auth: admin });
    expect(queue.status).toBe(200);
    expect(queue.body.merges).toHaveLength(1);
    expect(queue.body.merges[0].undoData).toBeUndefined();
    const mergeId = queue.body.merges[0].id;

    const approved = await callApi("POST", `/v1/Stores/${storeId}/Merges/${mergeId}/Approve`, { auth: admin });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "APPLIED", survivorProfileId: one.profileId, sourceProfileId: two.profileId });
    expect((await callApi("POST", `/v1/Stores/${storeId}/Merges/${mergeId}/Approve`, { auth: admin })).status).toBe(409);

    const moved = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${two.profileId}/Merge`, { auth: admin, json: { sourceProfileId: one.profileId } });
    expect(moved.status).toBe(308);
    expect(moved.headers.get("canonical-profile-id")).toBe(one.profileId);

    const undone = await callApi("POST", `/v1/Stores/${storeId}/Merges/${mergeId}/Undo`, { auth: admin });
    expect(undone.body.status).toBe("UNDONE");
    const history = await callApi("GET", `/v1/Stores/${storeId}/Merges?profileId=${two.profileId}`, { auth: admin });
    expect(history.body.merges.map((merge: { status: string }) => merge.status)).toEqual(["UNDONE"]);
  });

  it("merges manually and enforces roles, scopes and input", async () => {
    const left = await createOrResolveProfile({ storeId, traits: { Contact: { email: "m1@example.com" } }, actor: systemActor });
    const right = await createOrResolveProfile({ storeId, traits: { Contact: { email: "m2@example.com" } }, actor: systemActor });
    const supervisor = await createTestKey("SUPERVISOR");
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${left.profileId}/Merge`, { auth: supervisor, json: { sourceProfileId: right.profileId } })).status).toBe(403);
    expect((await callApi("GET", `/v1/Stores/${storeId}/Merges`, { auth: supervisor })).status).toBe(200);
    expect((await callApi("GET", `/v1/Stores/${storeId}/Merges`, { auth: await createTestKey("AGENT") })).status).toBe(403);
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${left.profileId}/Merge`, { auth: admin, json: {} })).status).toBe(400);
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${left.profileId}/Merge`, { auth: admin, json: { sourceProfileId: "mem_profile_01h455vb4pex5vsknk084sn02q" } })).status).toBe(404);
    const other = await createTestStore("merges-other");
    expect((await callApi("POST", `/v1/Stores/${other.id}/Profiles/${left.profileId}/Merge`, { auth: admin, json: { sourceProfileId: right.profileId } })).status).toBe(404);
    const merged = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${left.profileId}/Merge`, { auth: admin, json: { sourceProfileId: right.profileId } });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ status: "APPLIED", proposedBy: "MANUAL" });
    expect((await callApi("POST", `/v1/Stores/${storeId}/Merges/mem_merge_01h455vb4pex5vsknk084sn02q/Undo`, { auth: admin })).status).toBe(404);
    expect((await callApi("GET", `/v1/Stores/${storeId}/Merges?status=DONE`, { auth: admin })).status).toBe(400);
  });
});

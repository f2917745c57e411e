import { describe, expect, it } from "vitest";
import { describeMergeEvidence } from "@/lib/console/describe-merge-evidence";

describe("describeMergeEvidence", () => {
  it("reads a resolver proposal's identifiers and where the record came from", () => {
    const evidence = describeMergeEvidence("RESOLVER", { matchedBy: [{ idType: "phone", value: "+14155550100" }], source: "CONVERSATION", sourceRef: "conv_conversation_1" });
    expect(evidence.matchedIdentifiers).toEqual([{ idType: "phone", value: "+14155550100" }]);
    expect(evidence.summary).toBe("One incoming record from conversation conv_conversation_1 matched both profiles, by phone +14155550100.");
  });

  it("keeps each identifier of an automatic merge's matches once", () => {
    const evidence = describeMergeEvidence("RESOLVER", {
      matches: [
        { idType: "email", value: "a@example.com", profileId: "p1" },
        { idType: "email", value: "a@example.com", profileId: "p1" },
        { idType: "phone", value: "+14155550100", profileId: "p2" },
      ],
      source: "API",
      sourceRef: null,
    });
    expect(evidence.matchedIdentifiers).toEqual([
      { idType: "email", value: "a@example.com" },
      { idType: "phone", value: "+14155550100" },
    ]);
    expect(evidence.sourceRef).toBeNull();
    expect(evidence.summary).toBe("One incoming record from the API matched both profiles, by email a@example.com, phone +14155550100.");
  });

  it("reads the duplicate detector's name and matching traits, and a manual merge's admin", () => {
    const duplicate = describeMergeEvidence("DUPLICATE_DETECTOR", { name: "Ada Byron", matchingTraits: [{ traitGroup: "Contact", name: "address", value: "1 Main St" }] });
    expect(duplicate.summary).toBe("Likely duplicates: both are named “Ada Byron” and share Contact.address = \"1 Main St\".");
    expect(describeMergeEvidence("MANUAL", { by: "admin@example.com" }).summary).toBe("Merged by hand by admin@example.com.");
  });

  it("does not fail on a reason of an unknown shape", () => {
    for (const reason of [null, "text", 42, { matchedBy: "nope", matchingTraits: 3 }]) {
      const evidence = describeMergeEvidence("RESOLVER", reason);
      expect(evidence.matchedIdentifiers).toEqual([]);
      expect(evidence.summary).toBe("Proposed by resolver.");
    }
  });
});

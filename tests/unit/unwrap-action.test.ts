import { describe, expect, it } from "vitest";
import { ActionError, unwrapAction } from "@/components/console/unwrap-action";

describe("unwrapAction", () => {
  it("answers a successful action's data", () => {
    expect(unwrapAction({ status: "success", data: { id: "mem_merge_1" } })).toEqual({ id: "mem_merge_1" });
  });

  it("throws an ActionError that keeps the message and the field errors", () => {
    const failure = { status: "error", message: "Please correct the highlighted fields.", fieldErrors: { content: "Required" } } as const;
    let thrown: unknown;
    try {
      unwrapAction(failure);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ActionError);
    expect((thrown as ActionError).message).toBe("Please correct the highlighted fields.");
    expect((thrown as ActionError).failure.fieldErrors).toEqual({ content: "Required" });
  });

  it("refuses an action that never ran", () => {
    expect(() => unwrapAction({ status: "idle" })).toThrow("The action did not run");
  });
});

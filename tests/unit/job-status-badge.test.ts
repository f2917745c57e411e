import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { JobStatusBadge } from "@/components/console/job-status-badge";

const render = (counts: { QUEUED: number; RUNNING: number; SUCCEEDED: number; FAILED: number }) => renderToStaticMarkup(createElement(JobStatusBadge, { counts }));

describe("JobStatusBadge", () => {
  it("says nothing when no job waits, runs or failed", () => {
    expect(render({ QUEUED: 0, RUNNING: 0, SUCCEEDED: 12, FAILED: 0 })).toBe("");
  });

  it("counts running and queued jobs, and shows failures in red", () => {
    const busy = render({ QUEUED: 3, RUNNING: 1, SUCCEEDED: 5, FAILED: 0 });
    expect(busy).toContain("Jobs: 1 running · 3 queued");
    expect(busy).toContain("bg-amber-50");
    const failing = render({ QUEUED: 0, RUNNING: 0, SUCCEEDED: 5, FAILED: 2 });
    expect(failing).toContain("Jobs: 2 failed");
    expect(failing).toContain("bg-red-50");
  });
});

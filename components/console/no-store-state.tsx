import { EmptyState } from "@/components/ui/empty-state";

/** For pages about one store, when there is no store to show yet. */
export function NoStoreState() {
  return (
    <EmptyState title="No memory store yet">
      <p>
        Every profile, conversation and audit event belongs to a memory store. Create one through the API with an ADMIN key:{" "}
        <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">POST /v1/ControlPlane/Stores</code>.
      </p>
    </EmptyState>
  );
}

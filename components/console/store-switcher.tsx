"use client";

import { useId, useRef } from "react";
import { cx, focusRing } from "@/components/ui/class-names";

export type StoreOption = { id: string; displayName: string };

/**
 * Picks the store every console page shows. Changing it submits at once; the server action
 * remembers the choice in a cookie and the page re-renders for the new store.
 */
export function StoreSwitcher({ stores, currentStoreId, action }: { stores: StoreOption[]; currentStoreId: string | null; action: (formData: FormData) => Promise<void> }) {
  const formRef = useRef<HTMLFormElement>(null);
  const selectId = useId();
  if (stores.length === 0) {
    return <p className="text-sm text-slate-500">No memory store yet</p>;
  }
  return (
    <form ref={formRef} action={action} className="flex items-center gap-2">
      <label htmlFor={selectId} className="text-sm font-medium text-slate-600">
        Store
      </label>
      <select
        id={selectId}
        name="storeId"
        defaultValue={currentStoreId ?? undefined}
        key={currentStoreId}
        onChange={() => formRef.current?.requestSubmit()}
        className={cx("max-w-64 rounded-md border-0 bg-white py-1.5 pl-3 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300", focusRing)}
      >
        {stores.map((store) => (
          <option key={store.id} value={store.id}>
            {store.displayName}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-sm underline">
          Switch
        </button>
      </noscript>
    </form>
  );
}

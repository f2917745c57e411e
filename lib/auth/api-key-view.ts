import type { ApiKey } from "../db/generated/client";

/** What may be shown of a key: never its hash. */
export type ApiKeyView = Omit<ApiKey, "secretHash">;

export function toApiKeyView(key: ApiKey): ApiKeyView {
  const { secretHash: _secretHash, ...view } = key;
  void _secretHash;
  return view;
}

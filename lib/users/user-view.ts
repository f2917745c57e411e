import type { User } from "../db/generated/client";

/** What may be shown of a user: never the password hash. */
export type UserView = Omit<User, "passwordHash">;

export function toUserView(user: User): UserView {
  const { passwordHash: _passwordHash, ...view } = user;
  void _passwordHash;
  return view;
}

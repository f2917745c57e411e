import type { Role } from "../db/generated/enums";

/**
 * Who may do what on a profile page. AGENT (the area's least role) reads everything and runs the
 * recall playground; correcting a profile — traits, identifiers — and exporting or erasing it are
 * ADMIN work (SPEC §1: admins browse and correct profiles). The server actions check these.
 */
export const profileRoles = { read: "AGENT", recall: "AGENT", edit: "ADMIN", export: "ADMIN", erase: "ADMIN" } as const satisfies Record<string, Role>;

import type { Role } from "@/lib/db/generated/enums";
import { Badge, type BadgeTone } from "./badge";

const roleTones: Record<Role, BadgeTone> = { ADMIN: "indigo", SUPERVISOR: "amber", AGENT: "neutral" };

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={roleTones[role]}>{role}</Badge>;
}

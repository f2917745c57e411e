import type { Role } from "../db/generated/enums";

export type ConsoleArea = {
  href: string;
  label: string;
  /** The least role that may open the page (and run its actions). */
  minimumRole: Role;
  /** One line for the navigation's title and the page header. */
  description: string;
  /** Which navigation group it belongs to. */
  section: "Memory" | "Operations" | "Administration";
};

/**
 * Every page of the console (SPEC §7), in navigation order. The sidebar, the page guards and the
 * 403 state all read this one table, so a page's role cannot drift from its menu entry.
 */
export const consoleAreas = {
  profiles: {
    href: "/profiles",
    label: "Profiles",
    minimumRole: "AGENT",
    description: "Customers in this store: traits, identifiers, observations and conversations.",
    section: "Memory",
  },
  conversations: {
    href: "/conversations",
    label: "Conversations",
    minimumRole: "AGENT",
    description: "Every conversation recorded in this store, with its participants and messages.",
    section: "Memory",
  },
  handoffPreview: {
    href: "/handoff-preview",
    label: "Handoff preview",
    minimumRole: "SUPERVISOR",
    description: "The exact context an agent receives for a live conversation, with citations.",
    section: "Memory",
  },
  reviewQueue: {
    href: "/review-queue",
    label: "Review queue",
    minimumRole: "SUPERVISOR",
    description: "Observations extracted from conversations, waiting to be approved, edited or rejected.",
    section: "Operations",
  },
  mergeQueue: {
    href: "/merge-queue",
    label: "Merge queue",
    minimumRole: "ADMIN",
    description: "Proposed and applied profile merges: approve, reject or undo.",
    section: "Operations",
  },
  identityRules: {
    href: "/identity-rules",
    label: "Identity rules",
    minimumRole: "ADMIN",
    description: "How identifiers are normalised, limited and matched to find the same customer.",
    section: "Operations",
  },
  auditTrail: {
    href: "/audit-trail",
    label: "Audit trail",
    minimumRole: "SUPERVISOR",
    description: "Who changed what in this store, and when, with the before and after of each change.",
    section: "Operations",
  },
  storeSettings: {
    href: "/store-settings",
    label: "Store settings",
    minimumRole: "SUPERVISOR",
    description: "This store's name, review and extraction settings, and conversation timeouts.",
    section: "Administration",
  },
  apiKeys: {
    href: "/api-keys",
    label: "API keys",
    minimumRole: "ADMIN",
    description: "Credentials for machines calling the HTTP API, scoped to one store or to all.",
    section: "Administration",
  },
  users: {
    href: "/users",
    label: "Users",
    minimumRole: "ADMIN",
    description: "People who sign in to this console, and the role each one has.",
    section: "Administration",
  },
} as const satisfies Record<string, ConsoleArea>;

export type ConsoleAreaKey = keyof typeof consoleAreas;

export const consoleSections = ["Memory", "Operations", "Administration"] as const;

import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { AppError } from "../errors";
import { systemActor } from "../auth/actor";
import { roles } from "../auth/roles";
import { createApiKey } from "../auth/create-api-key";
import { listApiKeys } from "../auth/list-api-keys";
import { revokeApiKey } from "../auth/revoke-api-key";
import { createUser } from "../users/create-user";
import { listUsers } from "../users/list-users";
import { updateUser } from "../users/update-user";
import { listStores } from "../stores/list-stores";
import { getPrisma } from "../db/client";
import type { Role } from "../db/generated/enums";

export type CliResult = { exitCode: number; output: string };

export const cliUsage = `Usage: npm run kith -- <command>

  keys create --name NAME --role ADMIN|SUPERVISOR|AGENT [--store STORE_ID]
                                   create an API key; prints keyId:secret once
  keys list                        list API keys (never their secrets)
  keys revoke KEY_ID               revoke a key at once
  users create --email EMAIL --role ROLE [--name NAME] [--password PASSWORD]
                                   create a console user (a password is generated if omitted)
  users list                       list console users
  users set-role --email EMAIL --role ROLE
  users disable --email EMAIL      block sign-in (the last active admin cannot be disabled)
  users enable --email EMAIL
  stores list                      list memory stores
`;

function parseRole(value: string | undefined): Role {
  const role = value?.toUpperCase();
  if (!role || !(roles as readonly string[]).includes(role)) throw new AppError("bad_request", `--role must be one of ${roles.join(", ")}`);
  return role as Role;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new AppError("bad_request", `${flag} is required`);
  return value;
}

async function userIdByEmail(email: string): Promise<string> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user) throw new AppError("not_found", `No user with email ${email}`);
  return user.id;
}

function table(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return "(none)\n";
  const columns = Object.keys(rows[0]);
  const cell = (value: unknown) => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? "-" : String(value));
  const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => cell(row[column]).length)));
  const line = (values: string[]) => values.map((value, index) => value.padEnd(widths[index])).join("  ").trimEnd();
  return [line(columns), ...rows.map((row) => line(columns.map((column) => cell(row[column]))))].join("\n") + "\n";
}

/**
 * The `npm run kith` commands, as one function of argv → output: the CLI runs it directly, or
 * (when a server owns the embedded database) the server runs it for the CLI over its control
 * socket. Everything it does is done as the system actor and audited.
 */
export async function runCliCommand(argv: string[]): Promise<CliResult> {
  const [group, action, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      store: { type: "string" },
      email: { type: "string" },
      password: { type: "string" },
    },
  });
  try {
    switch (`${group ?? ""} ${action ?? ""}`.trim()) {
      case "keys create": {
        const key = await createApiKey({ name: required(values.name, "--name"), role: parseRole(values.role), storeId: values.store ?? null, actor: systemActor });
        return {
          exitCode: 0,
          output: `Created API key ${key.id} (${key.role}, ${key.storeId ?? "all stores"}).\nCredentials (shown once, use as HTTP Basic user:password):\n\n  ${key.credentials}\n`,
        };
      }
      case "keys list": {
        const keys = await listApiKeys({ actor: systemActor });
        return { exitCode: 0, output: table(keys.map((key) => ({ id: key.id, name: key.name, role: key.role, store: key.storeId ?? "all", createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, revokedAt: key.revokedAt }))) };
      }
      case "keys revoke": {
        const key = await revokeApiKey({ keyId: required(positionals[0], "KEY_ID"), actor: systemActor });
        return { exitCode: 0, output: `Revoked ${key.id} at ${key.revokedAt?.toISOString()}\n` };
      }
      case "users create": {
        const password = values.password ?? randomBytes(12).toString("base64url");
        const user = await createUser({ email: required(values.email, "--email"), role: parseRole(values.role), name: values.name, password, actor: systemActor });
        return { exitCode: 0, output: `Created ${user.role} ${user.email}${values.password ? "" : `\nGenerated password (shown once): ${password}`}\n` };
      }
      case "users list": {
        const users = await listUsers({ actor: systemActor });
        return { exitCode: 0, output: table(users.map((user) => ({ email: user.email, name: user.name, role: user.role, disabled: user.disabledAt ? "yes" : "no", lastLoginAt: user.lastLoginAt }))) };
      }
      case "users set-role": {
        const user = await updateUser({ userId: await userIdByEmail(required(values.email, "--email")), role: parseRole(values.role), actor: systemActor });
        return { exitCode: 0, output: `${user.email} is now ${user.role}\n` };
      }
      case "users disable":
      case "users enable": {
        const user = await updateUser({ userId: await userIdByEmail(required(values.email, "--email")), disabled: action === "disable", actor: systemActor });
        return { exitCode: 0, output: `${user.email} is ${user.disabledAt ? "disabled" : "enabled"}\n` };
      }
      case "stores list": {
        const page = await listStores({ actor: systemActor, page: { pageSize: 100, orderBy: "ASC" } });
        return { exitCode: 0, output: table(page.items.map((store) => ({ id: store.id, displayName: store.displayName, createdAt: store.createdAt }))) };
      }
      case "":
      case "help":
        return { exitCode: 0, output: cliUsage };
      default:
        return { exitCode: 2, output: `Unknown command "${argv.join(" ")}"\n\n${cliUsage}` };
    }
  } catch (error) {
    if (error instanceof AppError) {
      const details = error.details?.map((detail) => `\n  ${detail.path}: ${detail.message}`).join("") ?? "";
      return { exitCode: 1, output: `Error: ${error.message}${details}\n` };
    }
    if (error instanceof Error && error.name === "ZodError") return { exitCode: 1, output: `Error: ${error.message}\n` };
    throw error;
  }
}

import type { Prisma, PrismaClient } from "./generated/client";

/** A Prisma transaction client; helpers that join a caller's transaction take it first. */
export type Tx = Prisma.TransactionClient;

/** Either the root client or a transaction: for read helpers usable in both. */
export type DbClient = PrismaClient | Tx;

import { parse, protocol, type PGlite } from "@electric-sql/pglite";
import type { Prisma } from "./generated/client";
import { preparedStatementName } from "./prepared-statements";

type Parsed = ReturnType<typeof parse.parseResults>;

/**
 * Database.queryRows on the embedded database. PGlite's own `query` parses and plans every
 * statement anew (unnamed statements only), and in its WebAssembly planning recall's search
 * statement took ~10 ms, as long as running it for a 5,000-memory profile (docs/PERFORMANCE.md).
 * So a statement marked PREPARED_STATEMENT becomes a named statement of the one backend PGlite
 * runs: parsed and described once, then only bound, planned for its values (plan_cache_mode is
 * force_custom_plan there: lib/db/client.ts) and executed, through PGlite's public
 * wire-protocol calls and its own serializers and parsers — under both of PGlite's locks, as its
 * `query` takes them, so no other statement or transaction interleaves. Other statements go
 * through `query`. For reads: nothing is synced to disk after them.
 */
export function createEmbeddedStatementRunner(pglite: PGlite): <Row>(sql: Prisma.Sql) => Promise<Row[]> {
  const parameterTypes = new Map<string, number[]>();
  const run = async (message: Uint8Array) => (await pglite.execProtocol(message, { syncToFs: false })).messages;

  async function prepare(name: string, text: string): Promise<number[]> {
    const known = parameterTypes.get(name);
    if (known) return known;
    try {
      await run(protocol.serialize.parse({ name, text }));
      const types = parse.parseDescribeStatementResults(await run(protocol.serialize.describe({ type: "S", name })));
      parameterTypes.set(name, types);
      return types;
    } finally {
      await run(protocol.serialize.sync());
    }
  }

  return async <Row>(sql: Prisma.Sql): Promise<Row[]> => {
    const name = preparedStatementName({ sql: sql.text });
    if (!name) return (await pglite.query<Row>(sql.text, sql.values)).rows;
    const results: Parsed = await pglite._runExclusiveTransaction(() =>
      pglite._runExclusiveQuery(async () => {
        const types = await prepare(name, sql.text);
        const values = sql.values.map((value, index) => {
          if (value === null || value === undefined) return null;
          const serializer = pglite.serializers[types[index]];
          return serializer ? serializer(value) : String(value);
        });
        const messages = [];
        try {
          messages.push(...(await run(protocol.serialize.bind({ statement: name, values }))));
          messages.push(...(await run(protocol.serialize.describe({ type: "P" }))));
          messages.push(...(await run(protocol.serialize.execute({}))));
        } finally {
          messages.push(...(await run(protocol.serialize.sync())));
        }
        return parse.parseResults(messages, pglite.parsers);
      }),
    );
    return (results[0]?.rows ?? []) as Row[];
  };
}

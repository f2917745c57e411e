// `npm run kith -- <command>`: API keys, users and stores from the shell. With the embedded
// database and a running server, the server runs the command (it owns the database files).
import { readEnv } from "../lib/env";
import { findEmbeddedOwner } from "../lib/db/open-embedded-database";
import { sendControlCommand } from "../lib/startup/control-socket";
import { runCliCommand, type CliResult } from "../lib/cli/run-cli-command";
import { closeDatabase } from "../lib/db/client";

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const env = readEnv();
  let result: CliResult;
  const owner = env.DATABASE_URL ? null : findEmbeddedOwner(env.KITH_DATA_DIR);
  if (owner?.controlSocket) {
    result = await sendControlCommand(owner.controlSocket, argv);
  } else {
    try {
      result = await runCliCommand(argv);
    } finally {
      await closeDatabase();
    }
  }
  process.stdout.write(result.output);
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Error: ${error.message}`);
    process.exit(1);
  },
);

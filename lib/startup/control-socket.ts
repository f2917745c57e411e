import { createServer, createConnection, type Server } from "node:net";
import { chmodSync, rmSync } from "node:fs";
import path from "node:path";
import { writeEmbeddedOwner } from "../db/open-embedded-database";
import { runCliCommand, type CliResult } from "../cli/run-cli-command";

/**
 * The embedded database has one owner process. While the server owns it, `npm run kith` sends
 * its argv over this Unix socket (owner-only permissions) and the server runs the command.
 */
export function controlSocketPath(dataDir: string): string {
  return path.resolve(dataDir, "control.sock");
}

export async function startControlSocket(dataDir: string): Promise<Server> {
  const socketPath = controlSocketPath(dataDir);
  rmSync(socketPath, { force: true });
  const server = createServer((connection) => {
    let input = "";
    connection.setEncoding("utf8");
    connection.on("data", (chunk) => {
      input += chunk;
      if (!input.includes("\n")) return;
      let argv: string[];
      try {
        argv = JSON.parse(input.slice(0, input.indexOf("\n"))) as string[];
      } catch {
        connection.end(JSON.stringify({ exitCode: 2, output: "Malformed control request\n" }) + "\n");
        return;
      }
      runCliCommand(argv)
        .catch((error: Error): CliResult => ({ exitCode: 1, output: `Error: ${error.message}\n` }))
        .then((result) => connection.end(JSON.stringify(result) + "\n"));
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  chmodSync(socketPath, 0o600);
  server.unref();
  writeEmbeddedOwner(dataDir, socketPath);
  process.once("exit", () => rmSync(socketPath, { force: true }));
  return server;
}

/** Runs a CLI command in the process that owns the database. */
export function sendControlCommand(socketPath: string, argv: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const connection = createConnection(socketPath, () => connection.write(JSON.stringify(argv) + "\n"));
    let output = "";
    connection.setEncoding("utf8");
    connection.on("data", (chunk) => (output += chunk));
    connection.on("error", reject);
    connection.on("end", () => {
      try {
        resolve(JSON.parse(output) as CliResult);
      } catch {
        reject(new Error("The server closed the control connection without an answer"));
      }
    });
  });
}

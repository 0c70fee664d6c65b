// The official TypeScript SDK client against Task Orchestrator; run by ThirdPartyClientsIT.
//   node ts-client.mjs stdio COMMAND ARGS...
//   node ts-client.mjs http URL
// Prints one JSON line with what the server answered; exits non-zero on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [mode, ...rest] = process.argv.slice(2);
const transport = mode === "stdio"
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const client = new Client({ name: "ts-smoke", version: "1.0.0" }, { capabilities: {} });
try {
  await client.connect(transport);
  const server = client.getServerVersion();
  const caps = client.getServerCapabilities();
  await client.ping();
  await client.setLoggingLevel("debug");
  const tools = (await client.listTools()).tools;
  await client.ping();
  console.log(JSON.stringify({ ok: true, server, logging: !!caps.logging, tools: tools.map((t) => t.name) }));
  await client.close();
  process.exit(0);
} catch (e) {
  console.error("ts-client failed:", e?.message ?? e);
  process.exit(1);
}

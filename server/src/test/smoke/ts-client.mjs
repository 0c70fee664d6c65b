// The official TypeScript SDK client against Task Orchestrator; run by ThirdPartyClientsIT.
//   node ts-client.mjs stdio COMMAND ARGS...
//   node ts-client.mjs http URL
// SCENARIO (environment) picks what it does:
//   basic (default)      initialize, ping, set the log level, list the tools
//   background-sampling  a background spawn, answered through sampling after the call returned
//   cancel               a spawn cancelled (AbortSignal) while its second sampling request is pending
// Prints one JSON line with what the server answered; exits non-zero on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";

const [mode, ...rest] = process.argv.slice(2);
const scenario = process.env.SCENARIO ?? "basic";
const transport = mode === "stdio"
  ? new StdioClientTransport({ command: rest[0], args: rest.slice(1), stderr: "inherit" })
  : new StreamableHTTPClientTransport(new URL(rest[0]));
const sampling = scenario === "basic" ? {} : { sampling: {} };
const client = new Client({ name: "ts-smoke", version: "1.0.0" }, { capabilities: sampling });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const structured = async (name, args) => (await client.callTool({ name, arguments: args })).structuredContent;

async function until(what, probe, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

async function basic() {
  const server = client.getServerVersion();
  const caps = client.getServerCapabilities();
  await client.ping();
  await client.setLoggingLevel("debug");
  const tools = (await client.listTools()).tools;
  await client.ping();
  return { server, logging: !!caps.logging, tools: tools.map((t) => t.name) };
}

async function backgroundSampling() {
  let asked = 0;
  client.setRequestHandler(CreateMessageRequestSchema, async () => {
    asked++;
    return { role: "assistant", model: "ts-model", stopReason: "endTurn",
      content: { type: "text", text: "sampled after the call returned" } };
  });
  const started = await structured("spawn_archetype_agent",
    { archetype: "researcher", task: "what is sampling?", background: true });
  const done = await until("the background task", async () => {
    const t = await structured("get_task", { task_id: started.task_id });
    return t.status !== "running" && t;
  });
  return { started: started.status, status: done.status, output: done.output, asked };
}

async function cancel() {
  const abort = new AbortController();
  let asked = 0;
  let withdrawn = false;
  client.setRequestHandler(CreateMessageRequestSchema, async (req, extra) => {
    asked++;
    if (asked === 1) {
      return { role: "assistant", model: "ts-model", stopReason: "endTurn",
        content: { type: "text", text: "not the JSON a QC verdict must be" } };
    }
    abort.abort("the user stopped it"); // cancel the tools/call while this request is pending
    await new Promise((resolve) => extra.signal.addEventListener("abort", resolve));
    withdrawn = true; // the server sent notifications/cancelled for this sampling request
    return { role: "assistant", model: "ts-model", content: { type: "text", text: "too late" } };
  });
  let callError = null;
  try {
    await client.callTool({ name: "spawn_archetype_agent",
      arguments: { archetype: "qc", task: "review it", session_id: "ts-cancel" } }, undefined,
      { signal: abort.signal, timeout: 60000 });
  } catch (e) {
    callError = String(e?.message ?? e);
  }
  await until("the withdrawal of the pending sampling request", async () => withdrawn);
  const row = await until("the billed call", async () =>
    (await structured("cost_report", { period: "all", group_by: "task" })).rows[0]);
  const task = await until("the cancelled task", async () => {
    const t = await structured("get_task", { task_id: row.key });
    return t.status !== "running" && t;
  });
  const session = (await structured("check_budget", { scope: "session", id: "ts-cancel" })).scopes[0];
  return { callError, withdrawn, asked, status: task.status, calls: row.calls, cost: row.cost_usd,
    spent: session.spent_usd, reserved: session.reserved_usd };
}

try {
  await client.connect(transport);
  const result = await { basic, "background-sampling": backgroundSampling, cancel }[scenario]();
  console.log(JSON.stringify({ ok: true, ...result }));
  await client.close();
  process.exit(0);
} catch (e) {
  console.error("ts-client failed:", e?.message ?? e);
  process.exit(1);
}

// The page script of the browser test, bundled by browser-client.mjs: the official TypeScript SDK client
// over Streamable HTTP from a page, so every request is a cross-origin fetch under CORS.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const out = document.getElementById("result");
const url = new URL(location.href).searchParams.get("mcp");
try {
  const client = new Client({ name: "browser-smoke", version: "1.0.0" }, { capabilities: {} });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  const sessionId = transport.sessionId ?? null; // readable only when the server exposes Mcp-Session-Id
  const tools = (await client.listTools()).tools.map((t) => t.name);
  await transport.terminateSession();
  await client.close();
  out.textContent = JSON.stringify({ ok: true, origin: location.origin, sessionId, tools });
} catch (e) {
  out.textContent = JSON.stringify({ ok: false, origin: location.origin, error: String(e?.message ?? e) });
}

// Spawn -> initialize answered and spawn -> first tools/list answered over stdio, median of --starts runs,
// with the official TypeScript SDK client from mcp-bench's node_modules (bench/cold-start.sh passes it).
//   node bench/first-tools-list.mjs SDK_DIR STARTS -- COMMAND [ARGS...]
const [sdk, starts, sep, ...cmd] = process.argv.slice(2);
if (sep !== "--" || cmd.length === 0) { console.error("usage: first-tools-list.mjs SDK_DIR STARTS -- COMMAND [ARGS...]"); process.exit(2); }
const { Client } = await import(`${sdk}/dist/esm/client/index.js`);
const { StdioClientTransport } = await import(`${sdk}/dist/esm/client/stdio.js`);
const init = [], list = [];
for (let i = 0; i < Number(starts); i++) {
  const client = new Client({ name: "first-tools-list", version: "1" }, { capabilities: {} });
  const t0 = performance.now();
  await client.connect(new StdioClientTransport({ command: cmd[0], args: cmd.slice(1), stderr: "ignore" }));
  init.push(performance.now() - t0);
  await client.listTools();
  list.push(performance.now() - t0);
  await client.close();
}
const median = (xs) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(1);
console.log(JSON.stringify({ initialize_ms: median(init), first_tools_list_ms: median(list) }));

// The browser test, run by ThirdPartyClientsIT: Debian's Chromium, headless and driven by playwright-core,
// loads a page that runs the TypeScript SDK client against Task Orchestrator over Streamable HTTP.
//   node browser-client.mjs MCP_URL
// The page is served on 127.0.0.1 and localhost (loopback origins, allowed) and as foreign.test (mapped to
// 127.0.0.1 inside the browser; not an allowed origin). Prints one JSON line per origin; exits 0 when the
// loopback pages listed the tools and the foreign one was refused.
import http from "node:http";
import { build } from "esbuild";
import { chromium } from "playwright-core";

const mcpUrl = process.argv[2];
const bundle = await build({
  entryPoints: [new URL("browser-page.mjs", import.meta.url).pathname],
  bundle: true, format: "esm", platform: "browser", target: "es2022", write: false, logLevel: "error",
});
const script = bundle.outputFiles[0].text;
const html = '<!doctype html><meta charset="utf-8"><title>MCP in a browser</title>'
  + '<pre id="result"></pre><script type="module" src="/page.js"></script>';
const site = http.createServer((req, res) => {
  const path = new URL(req.url, "http://x").pathname;
  if (path === "/") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
  } else if (path === "/page.js") {
    res.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8" }).end(script);
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
const port = site.address().port;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP foreign.test 127.0.0.1"],
});
const results = {};
try {
  for (const host of ["127.0.0.1", "localhost", "foreign.test"]) {
    const page = await browser.newPage();
    page.on("console", (m) => console.error(`[${host}] console: ${m.text()}`));
    await page.goto(`http://${host}:${port}/?mcp=${encodeURIComponent(mcpUrl)}`);
    await page.waitForFunction(() => document.getElementById("result").textContent !== "", null,
      { timeout: 60000 });
    results[host] = JSON.parse(await page.textContent("#result"));
    console.log(JSON.stringify({ page: host, ...results[host] }));
    await page.close();
  }
} finally {
  await browser.close();
  site.close();
}
const ok = results["127.0.0.1"].ok && results["localhost"].ok && !results["foreign.test"].ok;
process.exit(ok ? 0 : 1);

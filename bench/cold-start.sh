#!/usr/bin/env bash
# Cold start (spawn -> initialize answered), ping p50 over stdio and idle resident memory of Task
# Orchestrator, side by side with the reference server (@modelcontextprotocol/server-everything), in one
# run, measured by mcp-bench (the official TypeScript SDK client). See bench/README.md.
#   bench/cold-start.sh                 STARTS=10 CALLS=2000 by default
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=${MCP_BENCH:-$root/../shared/tools/mcp-bench}
starts=${STARTS:-10}
calls=${CALLS:-2000}
jar=$root/server/target/task-orchestrator.jar
[ -f "$bench/bench.mjs" ] || { echo "cold-start: mcp-bench not found at $bench (set MCP_BENCH)" >&2; exit 1; }
[ -f "$jar" ] || { echo "cold-start: build first: bin/with-jdk mvn -B -q -pl server -am package -DskipTests" >&2; exit 1; }
[ -d "$bench/node_modules" ] || (cd "$bench" && npm install --no-audit --no-fund >&2)
java=$("$root/bin/with-jdk")/bin/java
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
# A private AOT cache directory: every run trains its own cache from the jar being measured.
export XDG_CACHE_HOME=$data/cache
ref=(node "$bench/node_modules/@modelcontextprotocol/server-everything/dist/index.js" stdio)
ours=("$root/bin/task-orchestrator" serve --data-dir "$data/d")
plain=("$java" -jar "$jar" serve --data-dir "$data/d")

# Idle RSS: start, answer initialize, wait 2 s, read VmRSS of the process from /proc.
idle_rss_kb() {
  local fifo=$data/in.$RANDOM pid rss
  mkfifo "$fifo"
  "$@" < "$fifo" > "$data/out" 2>/dev/null &
  pid=$!
  exec 9> "$fifo"
  printf '%s\n' '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"rss","version":"1"}}}' >&9
  for _ in $(seq 100); do grep -q '"id":1' "$data/out" 2>/dev/null && break; sleep 0.1; done
  sleep 2
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  exec 9>&-
  wait "$pid" 2>/dev/null || true
  rm -f "$fifo"
  echo "$rss"
}

# A first 'serve' session through the launcher records its AOT cache (JDK 25+, written at exit); the
# timed runs then use it.
idle_rss_kb "${ours[@]}" > /dev/null

measure() { node "$bench/bench.mjs" --starts "$starts" --calls "$calls" -- "$@"; }
ref_json=$(measure "${ref[@]}")
ours_json=$(measure "${ours[@]}")
plain_json=$(measure "${plain[@]}")
sdk=$bench/node_modules/@modelcontextprotocol/sdk
first() { node "$root/bench/first-tools-list.mjs" "$sdk" "$starts" -- "$@"; }
ref_first=$(first "${ref[@]}")
ours_first=$(first "${ours[@]}")
ref_rss=$(idle_rss_kb "${ref[@]}")
ours_rss=$(idle_rss_kb "${ours[@]}")
plain_rss=$(idle_rss_kb "${plain[@]}")

node - "$ref_json" "$ours_json" "$plain_json" "$ref_rss" "$ours_rss" "$plain_rss" "$ref_first" "$ours_first" <<'JS'
const [ref, ours, plain] = process.argv.slice(2, 5).map((s) => JSON.parse(s));
const [refRss, oursRss, plainRss] = process.argv.slice(5, 8).map(Number);
const [refFirst, oursFirst] = process.argv.slice(8).map((s) => JSON.parse(s));
const row = (name, r, rss) => console.log(`BENCH ${name.padEnd(34)} cold start median ${String(r.cold_start_ms.median).padStart(7)} ms (min ${r.cold_start_ms.min})  ping p50 ${r.ping_ms.p50} ms p99 ${r.ping_ms.p99} ms  idle RSS ${(rss / 1024).toFixed(0)} MiB`);
row("reference (server-everything, node)", ref, refRss);
row("task-orchestrator (bin/task-orchestrator)", ours, oursRss);
row("task-orchestrator (plain java -jar)", plain, plainRss);
const ratio = ours.cold_start_ms.median / ref.cold_start_ms.median;
console.log(`BENCH cold start ratio ours/reference: ${ratio.toFixed(2)}x (target <= 1.5x: ${ratio <= 1.5 ? "met" : "NOT met"}); plain java -jar: ${(plain.cold_start_ms.median / ref.cold_start_ms.median).toFixed(2)}x`);
console.log(`BENCH ping p50 ratio ours/reference: ${(ours.ping_ms.p50 / ref.ping_ms.p50).toFixed(2)}x`);
console.log(`BENCH spawn -> first tools/list answered, median: reference ${refFirst.first_tools_list_ms} ms, ours ${oursFirst.first_tools_list_ms} ms (${(oursFirst.first_tools_list_ms / refFirst.first_tools_list_ms).toFixed(2)}x; no target)`);
JS

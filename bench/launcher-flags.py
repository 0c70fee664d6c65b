#!/usr/bin/env python3
"""Which JVM flags of bin/task-orchestrator pay: spawn -> initialize answered over stdio, interleaved runs.

    bench/launcher-flags.py [RUNS]      (default 7; needs the jar and ../shared/tools/mcp-bench or MCP_BENCH)

Prints the median and min per flag set and the ratio to the reference server (server-everything on node).
The AOT caches are trained here: one by a 'serve' session, one by 'version' (what a first run of
'version' used to record).
"""
import os, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
java = subprocess.check_output([os.path.join(root, "bin", "with-jdk")], text=True).strip() + "/bin/java"
jar = os.path.join(root, "server", "target", "task-orchestrator.jar")
bench = os.environ.get("MCP_BENCH", os.path.join(root, "..", "shared", "tools", "mcp-bench"))
ref = ["node", os.path.join(bench, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"), "stdio"]
INIT = (b'{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",'
        b'"capabilities":{},"clientInfo":{"name":"flags","version":"1"}}}\n')
work = tempfile.mkdtemp()
C1, SERIAL = "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"


def train(name, args, stdin):
    cache = os.path.join(work, name + ".aot")
    d = tempfile.mkdtemp(dir=work)
    subprocess.run([java, C1, SERIAL, "-XX:AOTCacheOutput=" + cache, "-jar", jar] + args(d), input=stdin,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=d), check=False)
    return cache


serve_aot = train("serve", lambda d: ["serve", "--data-dir", d + "/d"],
                  INIT + b'{"jsonrpc":"2.0","method":"notifications/initialized"}\n'
                  + b'{"jsonrpc":"2.0","id":2,"method":"tools/list"}\n')
version_aot = train("version", lambda d: ["version"], b"")
configs = {
    "reference (server-everything)": None,
    "plain java -jar": [],
    "C1 only": [C1],
    "C1 + SerialGC": [C1, SERIAL],
    "C1 + SerialGC + AOT(serve)": [C1, SERIAL, "-XX:AOTCache=" + serve_aot],
    "SerialGC + AOT(serve), C2 on": [SERIAL, "-XX:AOTCache=" + serve_aot],
    "C1 + SerialGC + AOT(version)": [C1, SERIAL, "-XX:AOTCache=" + version_aot],
    "C1 + SerialGC, -Xshare:off": [C1, SERIAL, "-Xshare:off"],
}
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
times = {k: [] for k in configs}
for _ in range(runs):
    for name, flags in configs.items():
        d = tempfile.mkdtemp(dir=work)
        cmd = ref if flags is None else [java] + flags + ["-jar", jar, "serve", "--data-dir", d + "/d"]
        start = time.monotonic()
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, HOME=d))
        p.stdin.write(INIT)
        p.stdin.flush()
        if not p.stdout.readline().startswith(b"{"):
            sys.exit(f"{name}: no answer to initialize ({cmd[0]} {cmd[1]})")
        times[name].append((time.monotonic() - start) * 1000)
        p.stdin.close()
        p.wait()
base = sorted(times["reference (server-everything)"])[runs // 2]
for name, t in times.items():
    t.sort()
    print(f"FLAGS {name:32} median {t[runs // 2]:6.0f} ms  min {t[0]:6.0f} ms  ratio {t[runs // 2] / base:5.2f}x")

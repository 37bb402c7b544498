#!/usr/bin/env python3
"""Share of RUN command calls that Layerlab understands.

For every Dockerfile in a folder, runs `layerlab analyze --format json` and
counts the command calls whose command has a model and whose arguments
parse under it. Prints the share, the calls in RUNs left uninterpreted
(PowerShell, cmd, scripts for other interpreters) and the most frequent
unrecognised commands.

Usage: python3 bench/shell-coverage.py [DIR] [--layerlab PATH]
DIR defaults to ../shared/corpora/realworld; the binary to
target/release/layerlab (build it with `cargo build --release -p layerlab`).
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("dir", nargs="?", default=str(root.parent / "shared/corpora/realworld"))
parser.add_argument("--layerlab", default=str(root / "target/release/layerlab"))
parser.add_argument("--top", type=int, default=15)
args = parser.parse_args()

files = sorted(p for p in pathlib.Path(args.dir).iterdir() if p.is_file() and "Dockerfile" in p.name)
if not files:
    sys.exit(f"no Dockerfiles in {args.dir}")

calls = recognized = runs = uninterpreted_runs = 0
unrecognised = collections.Counter()
reasons = {}
for path in files:
    out = subprocess.run([args.layerlab, "analyze", "--format", "json", str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{path}: layerlab analyze failed: {out.stderr.strip()}")
    report = json.loads(out.stdout)
    for run in report["runs"]:
        runs += 1
        if not run["interpreted"]:
            uninterpreted_runs += 1
            continue
        for command in run["commands"]:
            calls += 1
            if command["recognized"]:
                recognized += 1
            else:
                unrecognised[command["name"]] += 1
                reasons.setdefault(command["name"], command["model"].get("reason", ""))

share = 100.0 * recognized / calls if calls else 0.0
print(f"files: {len(files)}, RUN instructions: {runs} ({uninterpreted_runs} not interpreted: non-POSIX shell or foreign script)")
print(f"command calls: {calls}, recognized: {recognized} ({share:.2f}%)")
print(f"top unrecognised commands ({sum(unrecognised.values())} calls):")
print("| command | calls | why |")
print("|---|---:|---|")
for name, count in unrecognised.most_common(args.top):
    print(f"| `{name}` | {count} | {reasons[name]} |")

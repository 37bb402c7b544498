#!/usr/bin/env python3
"""Download Debian's amd64 `main` Packages indexes and write the trimmed form
Layerlab's catalog reads.

Usage:
    python3 scripts/data/debian_packages.py [--out data/debian] [--mirror URL]
        [--suites bookworm,trixie] [--cache DIR]

Writes, per suite:
  data/debian/<suite>-amd64.pkgs.gz   every package, trimmed (gzip, for CLI/tests)
  data/debian/<suite>-amd64.web.pkgs  the subset the web page embeds (plain text;
                                      the web server gzips it on the wire)
  data/debian/<suite>-amd64.meta.json source URL, Release date, counts

Format (`.pkgs`, UTF-8, one package per line, tab-separated; lines starting
with `#` are comments carrying the source and date):
    name  version  installed_kib  size_bytes  flags  depends  pre_depends  recommends  provides
`flags`: `E` essential, then one priority letter (r required, i important,
s standard, o optional, x extra), e.g. `Er`.
Relation fields keep apt's syntax minus version constraints and arch
qualifiers: `a, b | c` (comma = AND, pipe = alternatives). `provides` is a
comma list of names. Empty fields are empty strings.

Version constraints are dropped on purpose: the index holds one version per
package, so they only matter when a base image carries an older version that
apt would upgrade; the simulator does not model upgrades.

Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import gzip
import json
import lzma
import os
import re
import sys
import urllib.request

DEFAULT_MIRROR = "https://deb.debian.org/debian"
KEEP = ("Package", "Version", "Installed-Size", "Size", "Depends", "Pre-Depends",
        "Recommends", "Provides", "Priority", "Essential")
PRIO = {"required": "r", "important": "i", "standard": "s", "optional": "o", "extra": "x"}

# Packages people commonly `apt-get install` in Dockerfiles. Seeds of the web
# subset: popcon is not reachable from our build machines, so the subset is the
# apt closure (with Recommends) of this curated list plus every package of
# Priority required/important/standard. Extend freely; the subset is derived.
WEB_SEEDS = """
apt-transport-https apt-utils autoconf automake bash-completion bc bind9-dnsutils
binutils bison build-essential bzip2 ca-certificates ccache clang cmake cron curl
default-jdk default-jdk-headless default-jre default-jre-headless default-libmysqlclient-dev
default-mysql-client dirmngr dnsutils dumb-init ffmpeg file flex fontconfig fonts-liberation
g++ gcc gdb gettext gettext-base gfortran ghostscript git git-lfs gnupg gnupg2 gosu
graphviz gzip htop imagemagick iproute2 iputils-ping jq less libaio1 libblas-dev libbz2-dev
libc6-dev libcairo2-dev libcurl4-openssl-dev libffi-dev libfontconfig1 libfreetype6-dev
libgdal-dev libgeos-dev libgl1 libgl1-mesa-glx libglib2.0-0 libgomp1 libgssapi-krb5-2
libicu-dev libjpeg-dev libjpeg62-turbo-dev libkrb5-dev liblapack-dev libldap2-dev
liblzma-dev libmagic1 libmariadb-dev libmariadb-dev-compat libmemcached-dev libncurses5-dev
libncursesw5-dev libnss3 libonig-dev libopenblas-dev libpng-dev libpq-dev libpq5
libproj-dev libreadline-dev libsasl2-dev libsm6 libsndfile1 libsqlite3-dev libssl-dev
libstdc++6 libtool libxext6 libxml2 libxml2-dev libxrender1 libxslt1-dev libyaml-dev
libzip-dev llvm locales lsb-release make mariadb-client maven nano net-tools netbase
netcat-openbsd nginx ninja-build nodejs npm openjdk-17-jdk openjdk-17-jdk-headless
openjdk-17-jre-headless openssh-client openssh-server openssl patch perl php-cli
pkg-config postgresql-client procps protobuf-compiler python3 python3-dev python3-pip
python3-setuptools python3-venv python3-wheel python-is-python3 redis-tools rsync ruby
ruby-dev software-properties-common sqlite3 ssh sudo supervisor swig tar tini tk-dev
tzdata unzip uuid-dev vim vim-tiny wget xvfb xz-utils zip zlib1g-dev zstd
chromium fonts-noto-color-emoji libasound2 libatk-bridge2.0-0 libgbm1 libgtk-3-0
libxss1 libxshmfence1 xdg-utils poppler-utils tesseract-ocr libreoffice-core
texlive-latex-base pandoc golang-go rustc cargo libvips-dev libheif-dev
libmagickwand-dev libwebp-dev libtiff-dev libopenjp2-7-dev libgdk-pixbuf-2.0-0
libpango-1.0-0 libpangocairo-1.0-0 libcairo2 libharfbuzz0b shared-mime-info
""".split()


def image_seeds(path: str = "data/images.src.json") -> list[str]:
    """Packages the catalog's base images install (`packages_added`): the
    catalog derives those images' package lists with the loaded index, so the
    web subset must hold them (and their closures)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        src = json.load(f)
    return sorted({p for img in src["images"] for p in img.get("packages_added", [])})


def fetch(url: str, cache: str | None) -> bytes:
    """GET `url`, optionally through an on-disk cache (for re-runs)."""
    if cache:
        path = os.path.join(cache, re.sub(r"[^A-Za-z0-9._-]", "_", url))
        if os.path.exists(path):
            with open(path, "rb") as f:
                return f.read()
    sys.stderr.write(f"GET {url}\n")
    with urllib.request.urlopen(url, timeout=120) as r:
        data = r.read()
    if cache:
        os.makedirs(cache, exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    return data


def parse_stanzas(text: str):
    """Yield dicts of the fields we keep from a deb822 Packages file."""
    cur: dict[str, str] = {}
    key = None
    for line in text.split("\n"):
        if not line:
            if cur:
                yield cur
            cur, key = {}, None
        elif line[0] in " \t":
            if key in KEEP:
                cur[key] += " " + line.strip()
        else:
            k, _, v = line.partition(":")
            key = k
            if k in KEEP:
                cur[k] = v.strip()
    if cur:
        yield cur


_CONSTRAINT = re.compile(r"\s*\([^)]*\)|\s*\[[^\]]*\]|\s*<[^>]*>")


def trim_rel(field: str) -> str:
    """`a (>= 1), b:any | c` -> `a, b | c`."""
    if not field:
        return ""
    out = []
    for group in field.split(","):
        alts = []
        for alt in group.split("|"):
            name = _CONSTRAINT.sub("", alt).strip()
            name = name.split(":", 1)[0]
            if name:
                alts.append(name)
        if alts:
            out.append(" | ".join(alts))
    return ", ".join(out)


def trim_provides(field: str) -> str:
    return ", ".join(n.strip() for n in trim_rel(field).replace("|", ",").split(",") if n.strip())


def trim(st: dict[str, str]) -> list[str]:
    flags = ("E" if st.get("Essential", "").lower() == "yes" else "") + PRIO.get(st.get("Priority", ""), "")
    return [
        st["Package"], st.get("Version", ""), st.get("Installed-Size", "0"), st.get("Size", "0"), flags,
        trim_rel(st.get("Depends", "")), trim_rel(st.get("Pre-Depends", "")),
        trim_rel(st.get("Recommends", "")), trim_provides(st.get("Provides", "")),
    ]


def closure(rows: dict[str, list[str]], seeds: list[str], recommends: bool) -> set[str]:
    """Over-approximating closure: every alternative and every provider is
    taken, so the web subset can answer whatever apt would pick."""
    providers: dict[str, list[str]] = {}
    for name, r in rows.items():
        for p in filter(None, (x.strip() for x in r[8].split(","))):
            providers.setdefault(p, []).append(name)
    seen: set[str] = set()
    todo = list(seeds)
    while todo:
        n = todo.pop()
        cands = ([n] if n in rows else []) + providers.get(n, [])
        for c in cands:
            if c in seen:
                continue
            seen.add(c)
            r = rows[c]
            fields = [r[5], r[6]] + ([r[7]] if recommends else [])
            for f in fields:
                for group in filter(None, (g.strip() for g in f.split(","))):
                    todo.extend(a.strip() for a in group.split("|"))
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="data/debian")
    ap.add_argument("--mirror", default=DEFAULT_MIRROR)
    ap.add_argument("--suites", default="bookworm,trixie")
    ap.add_argument("--cache", default=None, help="keep downloads here for re-runs")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for suite in args.suites.split(","):
        rel_url = f"{args.mirror}/dists/{suite}/Release"
        release = fetch(rel_url, args.cache).decode()
        rel = dict(l.split(":", 1) for l in release.split("\n") if l and l[0] != " " and ":" in l)
        date = rel["Date"].strip()
        pk_url = f"{args.mirror}/dists/{suite}/main/binary-amd64/Packages.xz"
        text = lzma.decompress(fetch(pk_url, args.cache)).decode()
        rows: dict[str, list[str]] = {}
        for st in parse_stanzas(text):
            r = trim(st)
            # One version per name (the archive has one per suite; keep the first).
            rows.setdefault(r[0], r)
        base = [n for n, r in rows.items() if r[4].lstrip("E") in ("r", "i", "s") or "E" in r[4]]
        web = closure(rows, base + WEB_SEEDS + image_seeds(), recommends=True)
        header = (
            f"# layerlab trimmed Debian Packages index: {suite} main amd64\n"
            f"# source: {pk_url}\n"
            f"# release: {rel.get('Origin','').strip()} {rel.get('Version','').strip()} ({rel.get('Codename','').strip()}), Release Date: {date}\n"
            "# columns: name version installed_kib size_bytes flags depends pre_depends recommends provides\n"
        )

        def render(names) -> str:
            return header + "".join("\t".join(rows[n]) + "\n" for n in sorted(names))

        full = render(rows).encode()
        with open(os.path.join(args.out, f"{suite}-amd64.pkgs.gz"), "wb") as f:
            f.write(gzip.compress(full, compresslevel=9, mtime=0))
        web_txt = render(web).encode()
        with open(os.path.join(args.out, f"{suite}-amd64.web.pkgs"), "wb") as f:
            f.write(web_txt)
        meta = {
            "suite": suite, "component": "main", "architecture": "amd64",
            "source": pk_url, "release_file": rel_url, "release_date": date,
            "release_version": rel.get("Version", "").strip(),
            "packages": len(rows), "web_subset_packages": len(web),
            "web_subset_rule": "apt closure (all alternatives/providers, with Recommends) of Priority "
                               "required/important/standard + Essential + the WEB_SEEDS list in "
                               "scripts/data/debian_packages.py + every packages_added of "
                               "data/images.src.json",
            "full_bytes_uncompressed": len(full), "web_bytes": len(web_txt),
        }
        with open(os.path.join(args.out, f"{suite}-amd64.meta.json"), "w") as f:
            json.dump(meta, f, indent=2)
            f.write("\n")
        print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    sys.exit(main())

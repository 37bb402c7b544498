#!/usr/bin/env python3
"""Measure how Debian packages compress in a Docker layer, and fit the
constants of Layerlab's compressed-size model (data/compression.json).

Usage:
    python3 scripts/data/calibrate_compression.py [--cache DIR] [--per-suite N]
        [--out data/compression.json] [--measurements FILE.tsv] [--no-download]

What it does:
  1. Reads Debian's full `Packages.xz` for bookworm and trixie (main, amd64)
     from deb.debian.org (cached in --cache, default /tmp/layerlab-calib; the
     cache is never committed) to get each package's pool path.
  2. Picks a deterministic sample (--per-suite packages per suite, default 75)
     spread over kinds (shared libraries, -dev packages, programs, docs,
     perl/python modules, data and fonts) and over sizes (log-spaced buckets
     from 4 KB to 40 MB of .deb), leaving out every package that the accuracy
     test set (tests/accuracy/cases.json) installs, so the fit is not tuned on
     the layers it is judged on.
  3. Downloads each .deb, splits the `ar` archive, inflates `data.tar.*`
     (xz with the standard `lzma` module, zstd with the `zstandard` package
     from PyPI, gzip), and re-compresses the tar with gzip level 6 (Docker's
     and BuildKit's default layer compression). It also gzips what dpkg leaves
     per package in /var/lib/dpkg/info (the control.tar members plus the
     `.list` of installed paths).
  4. Fits gzip_bytes = a x deb_bytes + b x installed_bytes (and the same for
     the slim form), reports the error per package and on layer-like sums of
     25 random packages (also fitted on one suite and tested on the other),
     next to simpler alternatives; writes data/compression.json.

The module also exposes the small apt model the accuracy bench uses in its
`--predict` cross-check: `load_index`, `base_installed`, `closure`.

Python 3.11; needs `zstandard` (pip install zstandard) for trixie's .debs.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import gzip
import io
import json
import lzma
import math
import os
import random
import re
import sys
import tarfile
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MIRROR = "https://deb.debian.org/debian"
SUITES = ("bookworm", "trixie")

# --- the trimmed index and a simple apt closure -------------------------------


def load_index(suite: str, root: str = ROOT) -> dict[str, dict]:
    """data/debian/<suite>-amd64.pkgs.gz as name -> row dict (format: data/README.md)."""
    path = os.path.join(root, "data", "debian", f"{suite}-amd64.pkgs.gz")
    rows: dict[str, dict] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            c += [""] * (9 - len(c))
            rows[c[0]] = {
                "name": c[0], "version": c[1], "installed_kib": int(c[2] or 0),
                "size_bytes": int(c[3] or 0), "flags": c[4],
                "depends": c[5], "pre_depends": c[6], "recommends": c[7],
                "provides": [p.strip() for p in c[8].split(",") if p.strip()],
            }
    return rows


def _providers(index: dict[str, dict]) -> dict[str, list[str]]:
    prov: dict[str, list[str]] = {}
    for name, row in index.items():
        for p in row["provides"]:
            prov.setdefault(p, []).append(name)
    for v in prov.values():
        v.sort()
    return prov


def _rel(field: str) -> list[list[str]]:
    out = []
    for group in field.split(","):
        alts = [a.strip() for a in group.split("|") if a.strip()]
        if alts:
            out.append(alts)
    return out


def closure(index: dict[str, dict], installed: set[str], requests: list[str],
            recommends: bool, prov: dict[str, list[str]] | None = None) -> tuple[list[str], list[str]]:
    """Packages apt would add for `apt-get install requests` on top of `installed`.

    Depends + Pre-Depends (+ Recommends when `recommends`), an alternative
    group is satisfied if any member (or a provider of it) is installed or
    chosen, otherwise its first alternative is taken; a virtual name resolves
    to its first provider (an installed provider first). Returns (added,
    unknown names)."""
    prov = prov if prov is not None else _providers(index)
    have = set(installed)
    added: list[str] = []
    unknown: list[str] = []

    def satisfied(name: str) -> bool:
        return name in have or any(p in have for p in prov.get(name, ()))

    def pick(name: str) -> str | None:
        if name in index:
            return name
        ps = prov.get(name, [])
        return ps[0] if ps else None

    stack = list(reversed(requests))
    while stack:
        name = stack.pop()
        if name in have:
            continue
        real = pick(name)
        if real is None:
            unknown.append(name)
            continue
        if real in have:
            continue
        have.add(real)
        added.append(real)
        row = index[real]
        fields = [row["pre_depends"], row["depends"]] + ([row["recommends"]] if recommends else [])
        for field in fields:
            for alts in _rel(field):
                if any(satisfied(a) for a in alts):
                    continue
                choice = next((a for a in alts if pick(a) is not None), None)
                if choice is not None:
                    stack.append(choice)
                elif field is not row["recommends"]:
                    unknown.append(alts[0])
    return added, unknown


def base_installed(ref: str, images: dict, index: dict[str, dict]) -> set[str]:
    """Installed package names of a catalog image (data/images.json): its
    `packages` list, or `packages_from` + the closure of `packages_added`
    (without Recommends, as every official Dockerfile installs)."""
    by_ref = {}
    for img in images["images"]:
        by_ref[img["reference"]] = img
        for a in img.get("aliases", []):
            by_ref[a] = img
    img = by_ref[ref]
    if img.get("packages"):
        return {p.split("=", 1)[0] for p in img["packages"]}
    if img.get("packages_from"):
        base = base_installed(img["packages_from"], images, index)
        added, _ = closure(index, base, img.get("packages_added", []), recommends=False)
        return base | set(added)
    raise KeyError(f"{ref}: no package list in the catalog")


# --- sampling ----------------------------------------------------------------

KINDS = [
    ("doc", re.compile(r"-doc$")),
    ("perl", re.compile(r"^lib.*-perl$")),
    ("python", re.compile(r"^python3-")),
    ("dev", re.compile(r"-dev$")),
    ("data/fonts", re.compile(r"^fonts-|-data$|-common$")),
    ("library", re.compile(r"^lib.*\d")),
    ("program", re.compile(r".")),
]


def kind_of(name: str) -> str:
    for k, rx in KINDS:
        if rx.search(name):
            return k
    return "program"


DOCS_ONLY = re.compile(r"-(doc|l10n|man)$")


def docs_only(name: str) -> bool:
    """A package whose files all go where debian:*-slim's dpkg does not install."""
    return bool(DOCS_ONLY.search(name))


def test_set_packages(suite: str, index: dict[str, dict]) -> set[str]:
    """Every package the accuracy cases of `suite` would install (closure
    with Recommends, an over-approximation) plus their requests."""
    path = os.path.join(ROOT, "tests", "accuracy", "cases.json")
    out: set[str] = set()
    if not os.path.exists(path):
        return out
    with open(path) as f:
        cases = json.load(f)["cases"]
    prov = _providers(index)
    for c in cases:
        if c.get("suite") != suite:
            continue
        added, _ = closure(index, set(), c.get("packages", []), recommends=True, prov=prov)
        out |= set(added) | set(c.get("packages", []))
    return out


def pick_sample(suite: str, pool: dict[str, dict], index: dict[str, dict], per_suite: int) -> list[str]:
    excluded = test_set_packages(suite, index)
    rng = random.Random(f"layerlab-calibration-{suite}")
    # log-spaced .deb-size buckets, 4 KB .. 40 MB
    edges = [4_000 * (10 ** (i / 2)) for i in range(0, 9)]
    cells: dict[tuple[str, int], list[str]] = {}
    for name, st in pool.items():
        if name in excluded or name not in index:
            continue
        if st["Architecture"] != "amd64" and st["Architecture"] != "all":
            continue
        size = int(st["Size"])
        b = next((i for i in range(len(edges) - 1) if edges[i] <= size < edges[i + 1]), None)
        if b is None:
            continue
        cells.setdefault((kind_of(name), b), []).append(name)
    keys = sorted(cells)
    for k in keys:
        cells[k].sort()
        rng.shuffle(cells[k])
    chosen: list[str] = []
    i = 0
    while len(chosen) < per_suite and any(cells[k] for k in keys):
        k = keys[i % len(keys)]
        if cells[k]:
            chosen.append(cells[k].pop())
        i += 1
    return sorted(chosen)


# --- download and measure ------------------------------------------------------


def fetch(url: str, path: str) -> bytes:
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    with urllib.request.urlopen(url, timeout=300) as r:
        data = r.read()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)
    return data


def parse_packages(text: str) -> dict[str, dict]:
    out = {}
    for stanza in text.split("\n\n"):
        st = {}
        for line in stanza.splitlines():
            if line[:1] in (" ", "\t") or ":" not in line:
                continue
            k, v = line.split(":", 1)
            st[k] = v.strip()
        if "Package" in st and "Filename" in st:
            out[st["Package"]] = st
    return out


def ar_members(data: bytes) -> dict[str, bytes]:
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive")
    pos, out = 8, {}
    while pos + 60 <= len(data):
        hdr = data[pos:pos + 60]
        name = hdr[:16].decode().strip().rstrip("/")
        size = int(hdr[48:58].decode().strip())
        out[name] = data[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
    return out


def inflate(name: str, blob: bytes) -> bytes:
    if name.endswith(".xz"):
        return lzma.decompress(blob)
    if name.endswith(".zst"):
        import zstandard  # PyPI

        return zstandard.ZstdDecompressor().decompressobj().decompress(blob)
    if name.endswith(".gz"):
        return gzip.decompress(blob)
    if name.endswith(".tar"):
        return blob
    raise ValueError(f"unknown member compression: {name}")


# dpkg path-exclude rules of the debian:*-slim images (debuerreotype's slimify
# list: documentation, info and man pages, translations, lintian overrides)
SLIM_EXCLUDE = re.compile(r"^\.?/?usr/share/(doc|info|linda|man|locale|groff|lintian/overrides|gnome/help|omf)/.")
SLIM_KEEP = re.compile(r"^\.?/?usr/share/locale/(locale\.alias|languages|all_languages|currency/|l10n/)")


def slim_excluded(path: str) -> bool:
    return bool(SLIM_EXCLUDE.match(path)) and not SLIM_KEEP.match(path)


def measure(deb: bytes) -> dict:
    members = ar_members(deb)
    dname = next(n for n in members if n.startswith("data.tar"))
    cname = next(n for n in members if n.startswith("control.tar"))
    data_tar = inflate(dname, members[dname])
    control_tar = inflate(cname, members[cname])
    # the same tar without what debian:*-slim's dpkg excludes (docs, man pages, translations)
    slim = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data_tar)) as t, tarfile.open(fileobj=slim, mode="w", format=tarfile.GNU_FORMAT) as o:
        for m in t.getmembers():
            if slim_excluded(m.name):
                continue
            o.addfile(m, t.extractfile(m) if m.isfile() else None)
    # what dpkg keeps in /var/lib/dpkg/info: the control members (minus the
    # control file itself, which goes to the status file) and the .list
    info = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(control_tar)) as t:
        for m in t.getmembers():
            if m.isfile() and os.path.basename(m.name) != "control":
                info.write(t.extractfile(m).read())
    with tarfile.open(fileobj=io.BytesIO(data_tar)) as t:
        paths = [m.name.lstrip(".") or "/" for m in t.getmembers()]
    info.write(("\n".join(paths) + "\n").encode())
    return {
        "tar_bytes": len(data_tar),
        "gzip_bytes": len(gzip.compress(data_tar, compresslevel=6, mtime=0)),
        "slim_gzip_bytes": len(gzip.compress(slim.getvalue(), compresslevel=6, mtime=0)),
        "info_gzip_bytes": len(gzip.compress(info.getvalue(), compresslevel=6, mtime=0)),
        "files": len(paths),
    }


# --- fitting -----------------------------------------------------------------


def fit_two(rows: list[dict], key: str = "gzip_bytes") -> tuple[float, float]:
    """(a, b) of key ~ a x deb + b x installed by ordinary least squares on
    bytes (2x2 normal equations). Absolute, not relative, errors: a layer's
    size is a sum dominated by its largest packages, so the fit should get
    large packages right rather than the many tiny ones."""
    s11 = s12 = s22 = t1 = t2 = 0.0
    for r in rows:
        w = 1.0
        d, i, g = r["deb_bytes"], r["installed_kib"] * 1024, r[key]
        s11 += w * d * d
        s12 += w * d * i
        s22 += w * i * i
        t1 += w * d * g
        t2 += w * i * g
    det = s11 * s22 - s12 * s12
    return (t1 * s22 - t2 * s12) / det, (s11 * t2 - s12 * t1) / det


def bundles(rows: list[dict], pred, key: str = "gzip_bytes", size: int = 25, draws: int = 2000,
            seed: str = "layerlab-bundles") -> dict:
    """Error of the model on layer-like sums: `draws` random sets of `size`
    packages of the sample (seeded), predicted sum against measured sum."""
    rng = random.Random(seed)
    errs = []
    for _ in range(draws):
        pick = rng.sample(rows, min(size, len(rows)))
        real = sum(r[key] for r in pick)
        errs.append(abs(sum(pred(r) for r in pick) - real) / real)
    errs.sort()
    q = lambda p: errs[min(len(errs) - 1, int(p * len(errs)))]
    return {"bundle_size": size, "draws": draws, "median_abs_pct": round(100 * q(0.5), 1),
            "p80_abs_pct": round(100 * q(0.8), 1), "p90_abs_pct": round(100 * q(0.9), 1),
            "within_15pct_share": round(sum(1 for e in errs if e <= 0.15) / len(errs), 3)}


def errors(rows: list[dict], pred, key: str = "gzip_bytes") -> dict:
    """Per-package error of a model on the sample."""
    rel = sorted(abs(pred(r) - r[key]) / r[key] for r in rows)
    tot_pred = sum(pred(r) for r in rows)
    tot = sum(r[key] for r in rows)

    def q(p: float) -> float:
        return rel[min(len(rel) - 1, int(p * len(rel)))]

    return {
        "median_abs_pct": round(100 * q(0.5), 1),
        "p80_abs_pct": round(100 * q(0.8), 1),
        "p90_abs_pct": round(100 * q(0.9), 1),
        "within_15pct": f"{sum(1 for e in rel if e <= 0.15)}/{len(rel)}",
        "sum_error_pct": round(100 * (tot_pred - tot) / tot, 2),
    }


# Layer parts no .deb measures. These are estimates (no real layer was taken
# apart for them); data/README.md explains each.
DPKG_LOG_BYTES_PER_PACKAGE = 120   # dpkg.log + apt term.log lines per package, gzipped
FIXED_BYTES = 40_000               # ld.so.cache, aux-cache, apt history, debconf *.dat, extended_states
EMPTY_INSTALL_BYTES = 1_024        # `apt-get install` with nothing to do: directory entries only


def lists_bytes(raw_xz: bytes) -> int:
    """gzip bytes of a suite's main Packages index as official images keep it
    (lz4-compressed in /var/lib/apt/lists), if the lz4 module is installed."""
    try:
        import lz4.frame  # PyPI
    except ImportError:
        return 0
    stored = lz4.frame.compress(lzma.decompress(raw_xz))
    return len(gzip.compress(stored, compresslevel=6, mtime=0))


DOWNLOAD_ONLY = ("Filename", "Size", "MD5sum", "SHA256", "Description-md5", "Tag")


def status_estimate(pool: dict[str, dict], names: list[str]) -> float:
    """gzip bytes per package of a dpkg status file made from index stanzas."""
    text = []
    for n in names:
        st = pool.get(n)
        if not st:
            continue
        lines = [f"Package: {n}", "Status: install ok installed"]
        lines += [f"{k}: {v}" for k, v in st.items() if k not in DOWNLOAD_ONLY and k != "Package"]
        text.append("\n".join(lines) + "\n")
    blob = "\n".join(text).encode()
    return len(gzip.compress(blob, compresslevel=6, mtime=0)) / max(1, len(text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default="/tmp/layerlab-calib")
    ap.add_argument("--per-suite", type=int, default=75)
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "compression.json"))
    ap.add_argument("--measurements", default=None, help="also write the per-package table (TSV)")
    ap.add_argument("--from-measurements", default=None,
                    help="refit from a table written by --measurements instead of downloading and measuring")
    args = ap.parse_args()
    previous = None
    if args.from_measurements:
        with open(args.from_measurements) as f:
            head = f.readline().rstrip("\n").split("\t")
            previous = [dict(zip(head, line.rstrip("\n").split("\t"))) for line in f]
        for r in previous:
            for k in head:
                if k not in ("suite", "package", "version", "kind"):
                    r[k] = int(r[k])

    rows: list[dict] = []
    pools: dict[str, dict] = {}
    lists: dict[str, int] = {}
    for suite in SUITES:
        idx = load_index(suite)
        raw = fetch(f"{MIRROR}/dists/{suite}/main/binary-amd64/Packages.xz",
                    os.path.join(args.cache, f"{suite}-Packages.xz"))
        pool = pools[suite] = parse_packages(lzma.decompress(raw).decode("utf-8", "replace"))
        lists[suite] = lists_bytes(raw)
        if previous is not None:
            rows += [r for r in previous if r["suite"] == suite]
            continue
        sample = pick_sample(suite, pool, idx, args.per_suite)
        for n, name in enumerate(sample, 1):
            st = pool[name]
            deb = fetch(f"{MIRROR}/{st['Filename']}", os.path.join(args.cache, "debs", os.path.basename(st["Filename"])))
            m = measure(deb)
            row = {"suite": suite, "package": name, "version": st["Version"], "kind": kind_of(name),
                   "installed_kib": int(st.get("Installed-Size", "0")), "deb_bytes": len(deb), **m}
            rows.append(row)
            print(f"[{suite} {n}/{len(sample)}] {name}: deb {len(deb)} tar {m['tar_bytes']} gz6 {m['gzip_bytes']}",
                  file=sys.stderr)

    inst = lambda r: r["installed_kib"] * 1024
    a, b = fit_two(rows)
    two = lambda r: a * r["deb_bytes"] + b * inst(r)
    # on -slim bases a documentation or translation package (`*-doc`,
    # `*-l10n`, `*-man`) leaves almost nothing (its files are under
    # /usr/share/{doc,locale,man}): the slim fit is over the other packages,
    # and the model counts such a package's data as 0 there
    slim_rows = rows
    sa, sb = fit_two([r for r in rows if not docs_only(r["package"])], "slim_gzip_bytes")
    slim = lambda r: 0.0 if docs_only(r["package"]) else sa * r["deb_bytes"] + sb * inst(r)
    ratio = sum(r["gzip_bytes"] for r in rows) / sum(r["deb_bytes"] for r in rows)
    inst_ratio = sum(r["gzip_bytes"] for r in rows) / sum(inst(r) for r in rows)
    cross = {}
    for fit_s, test_s in (("bookworm", "trixie"), ("trixie", "bookworm")):
        fa, fb = fit_two([r for r in rows if r["suite"] == fit_s])
        cross[f"fit_{fit_s}_test_{test_s}"] = {
            "gzip_per_deb_byte": round(fa, 4), "gzip_per_installed_byte": round(fb, 4),
            "bundles": bundles([r for r in rows if r["suite"] == test_s], lambda r: fa * r["deb_bytes"] + fb * inst(r))}
    # dpkg's status file is rewritten whole by every apt layer: estimate its
    # gzip bytes per installed package from the index stanzas of a real base
    # list (debian:bookworm-slim, 88 packages), download-only fields removed.
    # A lower bound: the status file also holds long descriptions and conffiles.
    with open(os.path.join(ROOT, "data", "images.json")) as f:
        base = base_installed("debian:bookworm-slim", json.load(f), load_index("bookworm"))
    status_per_pkg = status_estimate(pools["bookworm"], sorted(base))
    info_per_pkg = sorted(r["info_gzip_bytes"] for r in rows)[len(rows) // 2]
    by_kind = {}
    for k in sorted({r["kind"] for r in rows}):
        sub = [r for r in rows if r["kind"] == k]
        by_kind[k] = {"n": len(sub), "gzip_over_deb": round(sum(r["gzip_bytes"] for r in sub) / sum(r["deb_bytes"] for r in sub), 3)}
    out = {
        "about": "Constants of Layerlab's compressed-size model for apt layers: gzip level 6 bytes of a layer "
                 "from Debian index fields. Measured by scripts/data/calibrate_compression.py; "
                 "model and caveats in data/README.md (section 'Compressed layer size').",
        "date": _dt.date.today().isoformat(),
        "source": f"{MIRROR}/pool/main (.deb files of bookworm and trixie main amd64, the versions listed by "
                  "each suite's Packages.xz on that date), data.tar re-compressed with Python's zlib at gzip level 6",
        "sample_size": len(rows),
        "sample_per_suite": {s: sum(1 for r in rows if r["suite"] == s) for s in SUITES},
        "sample_by_kind": {k: v["n"] for k, v in by_kind.items()},
        "sample_excludes": "every package the accuracy test set's layers could install (tests/accuracy/cases.json; closure with Recommends)",
        "model": {
            "formula": "layer_gzip = a*sum(deb_bytes) + b*sum(installed_kib*1024) over the packages apt adds "
                       "(a_slim, b_slim on -slim bases, whose dpkg skips docs/man/locales, and 0 for a package named *-doc, *-l10n or *-man there) "
                       "+ n_added*per_package_bytes + 2*(n_base+n_added)*status_bytes_per_installed_package "
                       "+ fixed_bytes (+ apt_lists_bytes[suite] if the RUN keeps the lists); "
                       "empty_install_bytes when apt adds nothing",
            "gzip_per_deb_byte": round(a, 4),
            "gzip_per_installed_byte": round(b, 4),
            "slim_gzip_per_deb_byte": round(sa, 4),
            "slim_gzip_per_installed_byte": round(sb, 4),
            "per_package_bytes": info_per_pkg + DPKG_LOG_BYTES_PER_PACKAGE,
            "per_package_bytes_source": f"median gzip of a package's /var/lib/dpkg/info files, measured ({info_per_pkg}), "
                                        f"+ {DPKG_LOG_BYTES_PER_PACKAGE} estimated for its dpkg.log/term.log lines",
            "status_bytes_per_installed_package": round(status_per_pkg),
            "status_bytes_source": "estimate: gzip of status stanzas built from the index for debian:bookworm-slim's "
                                   "88 packages, per package (a lower bound: no long descriptions or conffiles); "
                                   "counted twice, for status and status-old",
            "fixed_bytes": FIXED_BYTES,
            "fixed_bytes_source": "estimate: ld.so.cache, ldconfig aux-cache, apt history/term logs, debconf *.dat, extended_states",
            "empty_install_bytes": EMPTY_INSTALL_BYTES,
            "empty_install_bytes_source": "estimate: a layer of a few directory entries",
            "apt_lists_bytes": lists,
            "apt_lists_bytes_source": "measured: the suite's main Packages index lz4-compressed (the form the official "
                                      "images keep in /var/lib/apt/lists) and gzipped; updates/security lists not included",
        },
        "fit": {
            "per_package": errors(rows, two),
            "bundles_of_25_packages": bundles(rows, two),
            "cross_suite_bundles": cross,
            "slim_per_package": errors(slim_rows, slim, "slim_gzip_bytes"),
            "slim_bundles_of_25_packages": bundles(slim_rows, slim, "slim_gzip_bytes"),
        },
        "alternatives": {
            "one_ratio": {"gzip_per_deb_byte": round(ratio, 4), "per_package": errors(rows, lambda r: ratio * r["deb_bytes"]),
                          "bundles_of_25_packages": bundles(rows, lambda r: ratio * r["deb_bytes"])},
            "installed_only": {"gzip_per_installed_byte": round(inst_ratio, 4),
                               "per_package": errors(rows, lambda r: inst_ratio * inst(r)),
                               "bundles_of_25_packages": bundles(rows, lambda r: inst_ratio * inst(r))},
        },
        "dpkg_info_gzip_bytes_per_package": {"median": info_per_pkg,
                                             "mean": round(sum(r["info_gzip_bytes"] for r in rows) / len(rows))},
        "gzip_over_deb_by_kind": by_kind,
        "totals": {"deb_bytes": sum(r["deb_bytes"] for r in rows), "tar_bytes": sum(r["tar_bytes"] for r in rows),
                   "gzip_bytes": sum(r["gzip_bytes"] for r in rows),
                   "slim_gzip_bytes": sum(r["slim_gzip_bytes"] for r in rows),
                   "installed_bytes": sum(r["installed_kib"] * 1024 for r in rows)},
    }
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    if args.measurements:
        cols = ["suite", "package", "version", "kind", "installed_kib", "deb_bytes", "tar_bytes", "gzip_bytes",
                "slim_gzip_bytes", "info_gzip_bytes", "files"]
        with open(args.measurements, "w") as f:
            f.write("\t".join(cols) + "\n")
            for r in rows:
                f.write("\t".join(str(r[c]) for c in cols) + "\n")
    print(json.dumps({k: out[k] for k in ("sample_size", "model", "fit")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

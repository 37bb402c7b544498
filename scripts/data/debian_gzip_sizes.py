#!/usr/bin/env python3
"""Measured gzip sizes of Debian packages as an apt-get install layer holds them.

Usage:
    python3 scripts/data/debian_gzip_sizes.py [--suites bookworm trixie]
        [--cache /tmp/layerlab-debgz] [--deadline 2026-11-28T09:55Z] [--jobs 2]
        [--priority-only] [--limit N]

For each suite (amd64, `main`) and each package of the web subset
(data/debian/<suite>-amd64.web.pkgs) at exactly the version listed there, it
downloads the .deb from deb.debian.org (pool path from the suite's
Packages.xz, fetched once and kept in --cache), splits the `ar` archive,
inflates data.tar.{xz,zst,gz} in memory, re-writes the members as a GNU tar
(512-byte headers, as a layer tar) and gzips it at level 6 (Docker/BuildKit's
default) with zlib, streaming. Columns (data/README.md, "Measured compressed
sizes"):

    full_gz     gzip -6 bytes of the package's whole tar
    slim_gz     the same without what debian:*-slim's dpkg path-excludes
    slim_bytes  bytes of regular-file content kept on a slim base
    pyc_bytes   .pyc bytes py3compile/pycompile would write at install time
    pyc_gz      gzip -6 bytes of a tar of those .pyc files
    info_gz     gzip -6 bytes of the files dpkg keeps in /var/lib/dpkg/info
                (control members but `control`, and the .list)
    debconf_gz  gzip -6 bytes of the debconf templates (debconf copies them,
                all translations, into /var/cache/debconf/templates.dat)

Order: first the closures (with and without Recommends) of every package of
tests/accuracy/cases.json and of WEB_SEEDS on top of the suite's slim base,
then the rest of the web subset, largest Installed-Size first. Each package's
raw result is written to --cache/<suite>/results/<name>.json as soon as it is
measured, so a run stopped by --deadline (or killed) resumes where it left.
A version the archive no longer has is recorded as missing, never replaced.

Python 3.11, standard library plus `zstandard` (PyPI) for .deb members in zstd.
"""
from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import importlib.util
import io
import json
import lzma
import marshal
import os
import sys
import tarfile
import time
import urllib.error
import urllib.request
import zlib
from concurrent.futures import ProcessPoolExecutor, wait, FIRST_COMPLETED

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MIRROR = "https://deb.debian.org/debian"

# debuerreotype's scripts/.slimify-excludes and .slimify-includes (commits
# 20439a16 and 06d6c488 of github.com/debuerreotype/debuerreotype), which the
# debian:*-slim images write to /etc/dpkg/dpkg.cfg.d/docker. dpkg matches
# them with fnmatch(3) without FNM_PATHNAME ('*' also matches '/'); the last
# matching rule wins, and includes come after excludes in that file.
SLIM_EXCLUDES = [
    "/usr/share/doc/*", "/usr/share/groff/*", "/usr/share/info/*", "/usr/share/linda/*",
    "/usr/share/lintian/overrides/*", "/usr/share/locale/*", "/usr/share/man/*",
]
SLIM_INCLUDES = [
    "/usr/share/doc/*/copyright", "/usr/share/doc/kde/HTML/C/*", "/usr/share/gnome/help/*/C/*",
    "/usr/share/locale/all_languages", "/usr/share/locale/currency/*", "/usr/share/locale/l10n/*",
    "/usr/share/locale/languages", "/usr/share/locale/locale.alias", "/usr/share/omf/*/*-C.emf",
]
SLIM_SOURCE = ("github.com/debuerreotype/debuerreotype scripts/.slimify-excludes (20439a16) "
               "and scripts/.slimify-includes (06d6c488)")


def slim_excluded(path: str) -> bool:
    p = "/" + path.lstrip("./")
    if not any(fnmatch.fnmatchcase(p, g) for g in SLIM_EXCLUDES):
        return False
    return not any(fnmatch.fnmatchcase(p, g) for g in SLIM_INCLUDES)


def _load(name: str, rel: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, rel))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# --- archive helpers -------------------------------------------------------------


# Reading a .deb is calibrate_compression.py's job; one implementation.
_CAL = _load("calibrate_compression", "scripts/data/calibrate_compression.py")
ar_members = _CAL.ar_members
inflate = _CAL.inflate


class GzCounter(io.RawIOBase):
    """A write-only file that gzips (level 6) what it receives and counts the output."""

    def __init__(self) -> None:
        self.z = zlib.compressobj(6, zlib.DEFLATED, 31)
        self.n = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.n += len(self.z.compress(bytes(b)))
        return len(b)

    def finish(self) -> int:
        self.n += len(self.z.flush())
        return self.n


def gz_len(b: bytes) -> int:
    if not b:
        return 0
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    return len(z.compress(b)) + len(z.flush())


PY_DIRS = ("/usr/lib/python3/dist-packages/", "/usr/lib/python3.")
COMPILERS = (b"py3compile", b"pycompile", b"py_compile", b"compileall")


def pyc_of(src: bytes, path: str) -> bytes | None:
    try:
        code = compile(src, path, "exec", dont_inherit=True)
    except Exception:  # syntax of another Python version, or Python 2 code
        return None
    # 16-byte header (magic, flags, mtime, size) + marshalled code, as py_compile writes
    return b"\0" * 16 + marshal.dumps(code)


def measure(deb: bytes) -> dict:
    m = ar_members(deb)
    dname = next(n for n in m if n.startswith("data.tar"))
    cname = next(n for n in m if n.startswith("control.tar"))
    data_tar = inflate(dname, m[dname])
    control_tar = inflate(cname, m[cname])
    postinst = templates = b""
    info = io.BytesIO()  # what dpkg keeps in /var/lib/dpkg/info (all control members but `control`)
    with tarfile.open(fileobj=io.BytesIO(control_tar)) as t:
        for mem in t.getmembers():
            if not mem.isfile():
                continue
            body = t.extractfile(mem).read()
            base = os.path.basename(mem.name)
            if base == "postinst":
                postinst = body
            if base == "templates":
                templates = body
            if base != "control":
                info.write(body)
    compiles = any(c in postinst for c in COMPILERS)
    full, slim, pyc = GzCounter(), GzCounter(), GzCounter()
    slim_bytes = pyc_bytes = n_pyc = 0
    paths = []
    with tarfile.open(fileobj=io.BytesIO(data_tar)) as t, \
            tarfile.open(fileobj=full, mode="w|", format=tarfile.GNU_FORMAT) as of, \
            tarfile.open(fileobj=slim, mode="w|", format=tarfile.GNU_FORMAT) as os_, \
            tarfile.open(fileobj=pyc, mode="w|", format=tarfile.GNU_FORMAT) as op:
        for mem in t.getmembers():
            body = t.extractfile(mem).read() if mem.isfile() else None
            of.addfile(mem, io.BytesIO(body) if body is not None else None)
            path = "/" + mem.name.lstrip("./")
            paths.append(path.rstrip("/") or "/.")
            if not slim_excluded(mem.name):
                os_.addfile(mem, io.BytesIO(body) if body is not None else None)
                if body is not None:
                    slim_bytes += len(body)
            if compiles and body is not None and path.endswith(".py") and path.startswith(PY_DIRS):
                out = pyc_of(body, path)
                if out is not None:
                    d, f = os.path.split(path)
                    ti = tarfile.TarInfo(f"{d}/__pycache__/{f[:-3]}.cpython.pyc")
                    ti.size = len(out)
                    op.addfile(ti, io.BytesIO(out))
                    pyc_bytes += len(out)
                    n_pyc += 1
    info.write(("\n".join(paths) + "\n").encode())  # the .list file
    return {"info_gz": gz_len(info.getvalue()), "debconf_gz": gz_len(templates),
            "full_gz": full.finish(), "slim_gz": slim.finish(), "slim_bytes": slim_bytes,
            "pyc_bytes": pyc_bytes, "pyc_gz": pyc.finish() if n_pyc else 0}


def work(job: tuple[str, str, str, str, str]) -> tuple[str, str, dict]:
    suite, name, version, url, out = job
    t0 = time.time()
    try:
        with urllib.request.urlopen(url, timeout=600) as r:
            deb = r.read()
    except urllib.error.HTTPError as e:
        res = {"name": name, "version": version, "missing": f"HTTP {e.code}"}
    else:
        res = {"name": name, "version": version, "deb_bytes": len(deb), **measure(deb)}
    res["seconds"] = round(time.time() - t0, 2)
    tmp = out + ".part"
    with open(tmp, "w") as f:
        json.dump(res, f)
    os.replace(tmp, out)
    return suite, name, res


# --- index and order -------------------------------------------------------------


def read_web(suite: str) -> tuple[list[str], dict[str, tuple[str, int]]]:
    head, rows = [], {}
    with open(os.path.join(ROOT, "data", "debian", f"{suite}-amd64.web.pkgs"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                head.append(line.rstrip("\n"))
                continue
            c = line.rstrip("\n").split("\t")
            rows[c[0]] = (c[1], int(c[2] or 0))
    return head, rows


def filenames(suite: str, cache: str) -> dict[str, tuple[str, str]]:
    path = os.path.join(cache, suite, "Packages.xz")
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with urllib.request.urlopen(f"{MIRROR}/dists/{suite}/main/binary-amd64/Packages.xz", timeout=300) as r:
            data = r.read()
        with open(path + ".part", "wb") as f:
            f.write(data)
        os.replace(path + ".part", path)
    out = {}
    with lzma.open(path, "rt", encoding="utf-8") as f:
        name = ver = fn = None
        for line in f:
            if line.startswith("Package: "):
                name = line[9:].strip()
            elif line.startswith("Version: "):
                ver = line[9:].strip()
            elif line.startswith("Filename: "):
                fn = line[10:].strip()
            elif not line.strip():
                if name and fn:
                    out[name] = (ver, fn)
                name = ver = fn = None
        if name and fn:
            out[name] = (ver, fn)
    return out


def priority_sets(suite: str) -> tuple[set[str], set[str]]:
    """(test-set closures and base packages, WEB_SEEDS closures on the slim base)."""
    cal = _load("calibrate_compression", "scripts/data/calibrate_compression.py")
    dp = _load("debian_packages", "scripts/data/debian_packages.py")
    idx = cal.load_index(suite, ROOT)
    with open(os.path.join(ROOT, "data", "images.json")) as f:
        images = json.load(f)
    with open(os.path.join(ROOT, "tests", "accuracy", "cases.json")) as f:
        cases = json.load(f)["cases"]
    prov = cal._providers(idx)
    want: set[str] = set()
    seeds: set[str] = set()
    bases = {c["base"] for c in cases if c["suite"] == suite}
    slim_ref = f"debian:{suite}-slim"
    for ref in sorted(bases | {slim_ref}):
        try:
            base = cal.base_installed(ref, images, idx)
        except KeyError:
            continue
        want |= base
        reqs = [p for c in cases if c["suite"] == suite and c["base"] == ref for p in c["packages"]]
        for rec in (False, True):
            want |= set(cal.closure(idx, base, reqs, recommends=rec, prov=prov)[0])
            if ref == slim_ref:
                seeds |= set(cal.closure(idx, base, dp.WEB_SEEDS, recommends=rec, prov=prov)[0])
                for p in dp.WEB_SEEDS:  # each seed alone too: a layer installs a few
                    seeds |= set(cal.closure(idx, base, [p], recommends=rec, prov=prov)[0])
    return want, seeds - want


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suites", nargs="+", default=["bookworm", "trixie"])
    ap.add_argument("--cache", default="/tmp/layerlab-debgz")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "debian"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--deadline", help="UTC time (ISO 8601) after which no new download starts")
    ap.add_argument("--priority-only", action="store_true")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--write-only", action="store_true", help="write the .tsv from the cache, measure nothing")
    args = ap.parse_args()
    deadline = (dt.datetime.fromisoformat(args.deadline.replace("Z", "+00:00")).timestamp()
                if args.deadline else None)

    jobs: list[tuple] = []
    meta = {}
    for suite in args.suites:
        head, web = read_web(suite)
        os.makedirs(os.path.join(args.cache, suite, "results"), exist_ok=True)
        fn = filenames(suite, args.cache)
        tests, seeds = priority_sets(suite)
        tests &= set(web)
        seeds &= set(web)
        pri = tests | seeds
        big = lambda names: sorted(names, key=lambda n: (-web[n][1], n))
        order = big(tests) + big(seeds) + ([] if args.priority_only else big(set(web) - pri))
        meta[suite] = {"head": head, "web": web}
        print(f"{suite}: {len(web)} web packages, {len(tests)} for the test set, {len(seeds)} more for WEB_SEEDS", file=sys.stderr)
        for name in order:
            out = os.path.join(args.cache, suite, "results", f"{name}.json")
            if os.path.exists(out):
                with open(out) as f:
                    if "info_gz" in json.load(f) or "missing" in open(out).read():
                        continue
            ver, path = fn.get(name, (None, None))
            if ver != web[name][0]:
                res = {"name": name, "version": web[name][0], "missing": f"archive has {ver}"}
                with open(out, "w") as f:
                    json.dump(res, f)
                continue
            jobs.append((suite, name, ver, f"{MIRROR}/{path}", out))
    # interleave suites so that both get their priority packages first
    by_suite = {s: [j for j in jobs if j[0] == s] for s in args.suites}
    jobs = [j for grp in zip(*[by_suite[s] + [None] * (max(map(len, by_suite.values()), default=0) - len(by_suite[s]))
                               for s in args.suites]) for j in grp if j]
    if args.limit:
        jobs = jobs[:args.limit]
    t0 = time.time()
    done = 0
    if not args.write_only and jobs:
        with ProcessPoolExecutor(args.jobs) as ex:
            it = iter(jobs)
            running = set()
            while True:
                while len(running) < args.jobs and (deadline is None or time.time() < deadline):
                    j = next(it, None)
                    if j is None:
                        break
                    running.add(ex.submit(work, j))
                if not running:
                    break
                fin, running = wait(running, return_when=FIRST_COMPLETED)
                for f in fin:
                    try:
                        s, n, r = f.result()
                        done += 1
                        print(f"[{time.time() - t0:6.0f}s] {s} {n} {r.get('full_gz', r.get('missing'))}", file=sys.stderr)
                    except Exception as e:
                        print(f"error: {e}", file=sys.stderr)
    print(f"measured {done} packages in {time.time() - t0:.0f}s", file=sys.stderr)

    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    for suite in args.suites:
        rdir = os.path.join(args.cache, suite, "results")
        rows, missing = [], 0
        for fname in sorted(os.listdir(rdir)):
            if not fname.endswith(".json"):
                continue
            with open(os.path.join(rdir, fname)) as f:
                r = json.load(f)
            if r["name"] not in meta[suite]["web"] or r["version"] != meta[suite]["web"][r["name"]][0]:
                continue
            if "missing" in r:
                missing += 1
                continue
            if "info_gz" not in r:  # measured by an earlier version of this script
                continue
            rows.append(r)
        rows.sort(key=lambda r: r["name"])
        src = next((h for h in meta[suite]["head"] if h.startswith("# source:")), "")
        rel = next((h for h in meta[suite]["head"] if h.startswith("# release:")), "")
        text = (
            f"# layerlab measured gzip sizes of Debian packages: {suite} main amd64\n"
            f"{src} (pool files under {MIRROR}/pool/)\n"
            f"{rel}\n"
            f"# measured: {today} by scripts/data/debian_gzip_sizes.py, versions of {suite}-amd64.web.pkgs\n"
            "# method: data.tar of the .deb re-written as a GNU tar (512-byte headers) and gzipped, zlib level 6;"
            " pyc: .py under /usr/lib/python3* of packages whose postinst runs py3compile/pycompile,"
            f" compiled with CPython {sys.version.split()[0]}, 16-byte header + marshal\n"
            f"# slim: dpkg path-exclude {' '.join(SLIM_EXCLUDES)}; path-include {' '.join(SLIM_INCLUDES)}; source: {SLIM_SOURCE}\n"
            f"# count: {len(rows)} of {len(meta[suite]['web'])} web-subset packages ({missing} versions missing from the archive)\n"
            "# columns: name version full_gz slim_gz slim_bytes pyc_bytes pyc_gz info_gz debconf_gz\n"
        )
        text += "".join(f"{r['name']}\t{r['version']}\t{r['full_gz']}\t{r['slim_gz']}\t{r['slim_bytes']}\t"
                        f"{r['pyc_bytes']}\t{r['pyc_gz']}\t{r['info_gz']}\t{r['debconf_gz']}\n" for r in rows)
        with open(os.path.join(args.out, f"{suite}-amd64.gz.tsv"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{suite}: wrote {len(rows)} rows ({missing} missing)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

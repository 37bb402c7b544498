#!/usr/bin/env python3
"""Build data/images.json (base-image facts for the Layerlab catalog).

Usage:
    python3 scripts/data/base_images.py [--repo-info DIR] [--src data/images.src.json]
        [--out data/images.json] [--debian data/debian]
    python3 scripts/data/base_images.py --self-test

Input: data/images.src.json, the hand-kept list of tags with the facts read
from docker-library/repo-info (per-layer compressed sizes, config, dates, the
commit of each file read), aliases, and how to get each image's package list.

With --repo-info DIR (a checkout of github.com/docker-library/repo-info), each
entry whose `source` names `repos/<image>/remote/<tag>.md` is refreshed from
that file's amd64 section, and from `repos/<image>/local/<tag>.md` when
present (on-disk "Virtual Size" and the dpkg/apk package list). Without it the
transcribed figures are used as they are.

Then, per image:
  - unpacked_bytes: the local/ Virtual Size when known, else compressed x the
    default ratio (marked `unpacked_estimated`, ratio recorded);
  - packages: a `packages_file` (name=version lines), or `packages_derive:
    minbase` (Priority required + Essential + apt, resolved over our trimmed
    Debian index the way debootstrap/debuerreotype does: this reproduces
    debian:bookworm-slim's repo-info list exactly), or left to the Rust
    catalog to derive from `packages_from` + `packages_added`.

Python 3.11, standard library only.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys

# --- repo-info markdown -----------------------------------------------------

_SIZE = re.compile(r"Size: [^(\n]*\((\d+) bytes\)|Size: ([\d.]+) B\b")


def _amd64_section(text: str) -> str:
    """The `### ... - linux; amd64` section of a remote/<tag>.md file."""
    m = re.search(r"^### `[^`]+` - linux; amd64\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    return m.group(1) if m else ""


def _json_list(s: str) -> list[str]:
    # repo-info escapes '/' as '\/' inside these JSON arrays.
    return json.loads(s.replace("\\/", "/"))


def parse_remote(text: str) -> dict:
    """Facts from the amd64 section of repos/<image>/remote/<tag>.md."""
    sec = _amd64_section(text)
    if not sec:
        raise ValueError("no linux; amd64 section")
    out: dict = {}
    m = re.search(r"Total Size: \*\*[^(]*\((\d+) bytes\)", sec)
    out["compressed_bytes"] = int(m.group(1)) if m else 0
    m = re.search(r"Default Command: `(.*)`", sec)
    out["cmd"] = _json_list(m.group(1)) if m else []
    m = re.search(r"Entrypoint: `(.*)`", sec)
    out["entrypoint"] = _json_list(m.group(1)) if m else []
    layers_part = sec.split("-\tLayers:", 1)[1] if "-\tLayers:" in sec else ""
    sizes = []
    for a, b in _SIZE.findall(layers_part):
        sizes.append(int(a) if a else int(float(b)))
    out["layer_bytes"] = sizes
    # Config from the history: the last ENV per key, last WORKDIR and USER win.
    env: dict[str, str] = {}
    workdir = user = ""
    hist = re.search(r"```dockerfile\n(.*?)```", sec, re.S)
    for line in (hist.group(1) if hist else "").splitlines():
        if line.startswith("ENV "):
            for k, v in re.findall(r"(\w+)=(\S*)", line[4:]):
                env[k] = v
        elif line.startswith("WORKDIR "):
            workdir = line[8:].strip()
        elif line.startswith("USER "):
            user = line[5:].strip()
    dates = re.findall(r"Last Modified: \w+, (\d+) (\w+) (\d{4})", layers_part)
    out["env"] = [f"{k}={v}" for k, v in env.items()]
    out["workdir"], out["user"] = workdir, user
    if dates:
        months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        d, mo, y = max(dates, key=lambda t: (t[2], months.index(t[1]), int(t[0])))
        out["date"] = f"{y}-{months.index(mo) + 1:02d}-{int(d):02d}"
    return out


def parse_local(text: str) -> dict:
    """Facts from repos/<image>/local/<tag>.md (on-disk size, packages)."""
    out: dict = {}
    m = re.search(r"Virtual Size: ~ ([\d.]+) ([KMG])b", text)
    if m:
        out["unpacked_bytes"] = int(round(float(m.group(1)) * {"K": 1e3, "M": 1e6, "G": 1e9}[m.group(2)]))
    # dpkg: "- `name:arch=version`" lines; apk: "### `apk` package: `name`" then "name-version description:".
    pk = re.findall(r"^- `([a-z0-9][a-z0-9+.-]*)(?::\w+)?=([^`]+)`$", text, re.M)
    pk += re.findall(r"^### `apk` package: `([^`]+)`\n\n```console\n\1-(\S+) description:", text, re.M)
    if pk:
        out["packages"] = sorted({f"{n}={v}" for n, v in pk})
    return out


# --- Debian minbase ---------------------------------------------------------

def load_index(path: str) -> dict[str, list[str]]:
    rows = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                r = line.rstrip("\n").split("\t")
                rows.setdefault(r[0], r)
    return rows


def minbase(rows: dict[str, list[str]]) -> list[str]:
    """Priority required + Essential + apt with their Depends/Pre-Depends, as
    debootstrap --variant=minbase (what debuerreotype builds) resolves them."""
    prov: dict[str, list[str]] = {}
    for n, r in rows.items():
        for p in filter(None, (x.strip() for x in r[8].split(","))):
            prov.setdefault(p, []).append(n)
    want = {n for n, r in rows.items() if r[4].lstrip("E")[:1] == "r" or r[4].startswith("E")} | {"apt"}

    def ok(a: str, seen: set[str]) -> bool:
        return a in seen or a in want or any(p in seen or p in want for p in prov.get(a, []))

    seen: set[str] = set()
    todo = sorted(want)
    while todo:
        n = todo.pop()
        if n not in rows:
            cands = [p for p in prov.get(n, []) if p in want] or prov.get(n, [])
            if not cands:
                continue
            n = cands[0]
        if n in seen:
            continue
        seen.add(n)
        r = rows[n]
        for field in (r[5], r[6]):
            for group in filter(None, (g.strip() for g in field.split(","))):
                alts = [a.strip() for a in group.split("|")]
                if any(ok(a, seen) for a in alts):
                    todo.extend(a for a in alts if a in want and a not in seen)
                    continue
                # debuerreotype merges /usr itself: images carry usr-is-merged, not usrmerge.
                todo.append("usr-is-merged" if "usr-is-merged" in alts else alts[0])
    return sorted(f"{n}={rows[n][1]}" for n in seen)


# --- main -------------------------------------------------------------------

def refresh_from_checkout(img: dict, root: str) -> None:
    for src in img.get("source", []):
        m = re.search(r"repos/([\w.-]+)/remote/([\w.-]+)\.md", src)
        if not m:
            continue
        remote = os.path.join(root, "repos", m.group(1), "remote", m.group(2) + ".md")
        if os.path.exists(remote):
            with open(remote, encoding="utf-8") as f:
                r = parse_remote(f.read())
            if len(r["layer_bytes"]) == len(img["layers"]):
                for layer, b in zip(img["layers"], r["layer_bytes"]):
                    layer["compressed_bytes"] = b
            else:
                img["layers"] = [{"compressed_bytes": b, "created_by": ""} for b in r["layer_bytes"]]
            img["compressed_bytes"] = r["compressed_bytes"]
            img["config"] = {k: r[k] for k in ("env", "workdir", "user", "cmd", "entrypoint")}
            img["date"] = r.get("date", img["date"])
            img["source"] = [f"docker-library/repo-info repos/{m.group(1)}/remote/{m.group(2)}.md (checkout)"]
        local = os.path.join(root, "repos", m.group(1), "local", m.group(2) + ".md")
        if os.path.exists(local):
            with open(local, encoding="utf-8") as f:
                loc = parse_local(f.read())
            img.update({k: v for k, v in loc.items()})
            if "unpacked_bytes" in loc:
                img["unpacked_source"] = f"docker-library/repo-info repos/{m.group(1)}/local/{m.group(2)}.md (checkout)"
            img.pop("packages_from", None)
            img["source"].append(f"docker-library/repo-info repos/{m.group(1)}/local/{m.group(2)}.md (checkout)")
        return


def build(src: dict, repo_info: str | None, debian_dir: str, root: str) -> dict:
    ratio = src["default_unpacked_ratio"]
    indexes: dict[str, dict] = {}
    images = []
    for img in src["images"]:
        img = json.loads(json.dumps(img))
        if repo_info:
            refresh_from_checkout(img, repo_info)
        if "unpacked_bytes" not in img:
            img["unpacked_bytes"] = int(img["compressed_bytes"] * ratio)
            img["unpacked_estimated"] = True
            img["unpacked_ratio"] = ratio
        if img.get("compressed_bytes", 0) == 0 and img.get("estimate"):
            img["compressed_bytes"] = int(img["unpacked_bytes"] / ratio)
        if "packages_file" in img:
            with open(os.path.join(root, img.pop("packages_file")), encoding="utf-8") as f:
                img["packages"] = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        if img.pop("packages_derive", None) == "minbase":
            suite = img["os"]["codename"]
            if suite not in indexes:
                indexes[suite] = load_index(os.path.join(debian_dir, f"{suite}-amd64.pkgs.gz"))
            img["packages"] = minbase(indexes[suite])
            img["packages_derived"] = True
            img["note"] = ((img.get("note", "") + " ") if img.get("note") else "") + (
                "Package list derived (Priority required + Essential + apt over the trimmed "
                f"{suite} index, versions as of that index); the same method reproduces "
                "debian:bookworm-slim's repo-info list exactly.")
        img["architecture"] = "amd64"
        images.append(img)
    return {"about": src["about"] + " Generated by scripts/data/base_images.py; "
            f"estimated on-disk sizes use ratio {ratio}: {src['default_unpacked_ratio_source']}.",
            "images": images, "unknown": src.get("unknown", [])}


_SAMPLE_REMOTE = """## `demo:1`

### `demo:1` - linux; amd64

-\tTotal Size: **3.0 KB (3000 bytes)**  
-\tEntrypoint: `["\\/entry.sh"]`
-\tDefault Command: `["run"]`

```dockerfile
# Mon, 03 Aug 2026 00:00:00 GMT
ENV A=1 B=2
# Mon, 03 Aug 2026 00:00:00 GMT
WORKDIR /app
# Mon, 03 Aug 2026 00:00:00 GMT
USER app
```

-\tLayers:
\t-\t`sha256:aa`  
\t\tLast Modified: Tue, 04 Aug 2026 23:52:43 GMT  
\t\tSize: 2.9 KB (2900 bytes)  
\t-\t`sha256:bb`  
\t\tLast Modified: Wed, 05 Aug 2026 01:12:42 GMT  
\t\tSize: 100.0 B  

### `demo:1` - linux; arm64 variant v8

-\tTotal Size: **9.9 MB (9900000 bytes)**  
"""

_SAMPLE_LOCAL = """# `demo:1`
- Virtual Size: ~ 74.83 Mb  
Binary Packages:

- `libc6:amd64=2.36-9`
- `bash=5.2.15-2+b13`

### `apk` package: `musl`

```console
musl-1.2.6-r2 description:
the musl c library
```
"""


def self_test() -> None:
    r = parse_remote(_SAMPLE_REMOTE)
    assert r["compressed_bytes"] == 3000, r
    assert r["layer_bytes"] == [2900, 100], r
    assert r["cmd"] == ["run"] and r["entrypoint"] == ["/entry.sh"], r
    assert r["env"] == ["A=1", "B=2"] and r["workdir"] == "/app" and r["user"] == "app", r
    assert r["date"] == "2026-08-05", r
    loc = parse_local(_SAMPLE_LOCAL)
    assert loc == {"unpacked_bytes": 74830000,
                   "packages": ["bash=5.2.15-2+b13", "libc6=2.36-9", "musl=1.2.6-r2"]}, loc
    print("self-test ok")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo-info", help="checkout of docker-library/repo-info")
    ap.add_argument("--src", default="data/images.src.json")
    ap.add_argument("--out", default="data/images.json")
    ap.add_argument("--debian", default="data/debian")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()
    if a.self_test:
        self_test()
        return 0
    with open(a.src, encoding="utf-8") as f:
        src = json.load(f)
    doc = build(src, a.repo_info, a.debian, os.getcwd())
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {a.out}: {len(doc['images'])} images, {len(doc['unknown'])} known-unknown tags", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Build Layerlab's PyPI and npm package indexes from the registries' own
metadata.

Usage:
    python3 scripts/data/lang_packages.py [--out data] [--cache DIR]
        [--corpus /work/shared/corpora/realworld] [--jobs 6] [--only pypi|npm]

Writes:
  data/pypi.pkgs      every record, plain text (small: both catalogs embed it)
  data/npm.pkgs.gz    every record, gzip (CLI and tests)
  data/npm.web.pkgs   the subset the web page embeds (see NPM_WEB_MAX_CLOSURE)
  data/lang.meta.json counts, sizes, date, roots, unresolvable dependencies
and prints counts and sizes as JSON. `--cache DIR` keeps every raw registry
response (a few GB, since npm sizes come from the tarballs) for re-runs.

Package set: (a) every package name a RUN line of the corpus installs with
pip/pip3/`python -m pip`, npm install/i, yarn add or pnpm add; (b) the curated
lists below (packages Dockerfiles commonly install); (c) the dependency
closure of both.

PyPI (one record per project, its latest release):
  - the wheel pip would choose on CPython 3.12, manylinux (glibc 2.41, the
    python:3.12 images' trixie) x86_64, ranked with `packaging.tags`;
  - installed size = sum of the uncompressed sizes in that wheel's zip central
    directory, read with HTTP Range requests (the wheel is not downloaded);
    download size = the wheel's size from the JSON API;
  - without a usable wheel: the sdist is downloaded and the sizes of the files
    it holds are summed; flag `e` marks that installed size as an estimate;
  - dependencies = `requires_dist` of that release, no extras, markers
    evaluated for CPython 3.12.12 on linux x86_64 (`packaging.markers`).
    When the JSON API has no `requires_dist`, the wheel's own METADATA
    (PEP 658 `.metadata` file) is read instead.
npm (one record per resolved name@version):
  - roots use the `latest` dist-tag; each `dependencies` range (plus
    `optionalDependencies` whose `os`/`cpu` allow linux x64) resolves to
    `latest` when it satisfies, else the highest satisfying release
    (our own small semver range matcher, below);
  - installed size = `dist.unpackedSize` when the registry gives it (flag
    `u`); otherwise the tarball is downloaded and the sizes of the files it
    holds are summed (the same quantity npm computes for unpackedSize);
    download size = the tarball's length.

Output format (UTF-8, one record per line, tab-separated; `#` lines are
comments carrying source and date):
    name  version  installed_bytes  download_bytes  flags  depends
PyPI names are PEP 503-normalised; `depends` is a comma list of names
(PyPI) or of `name@version` (npm).

Needs Python 3.11 and `packaging` (pip install packaging).
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import shlex
import struct
import sys
import tarfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor

from packaging import tags
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import InvalidWheelFilename, parse_wheel_filename

PYPI = "https://pypi.org/pypi"
NPM = "https://registry.npmjs.org"

# Curated: what Dockerfiles commonly `pip install` (web stacks, data/ML,
# cloud SDKs, DB drivers, tooling). Extend freely; the closure is derived.
PYPI_SEEDS = """
requests urllib3 certifi idna charset-normalizer six python-dateutil pytz tzdata
numpy pandas scipy scikit-learn matplotlib seaborn plotly statsmodels sympy numba
polars pyarrow xgboost lightgbm catboost opencv-python opencv-python-headless pillow
scikit-image imageio torch torchvision torchaudio tensorflow keras jax jaxlib
transformers tokenizers datasets accelerate sentence-transformers huggingface-hub
safetensors onnx onnxruntime openai anthropic langchain langchain-core langchain-community
langchain-openai tiktoken spacy nltk gensim
django djangorestframework django-cors-headers django-environ django-filter django-extensions
django-storages django-redis django-celery-beat channels whitenoise
flask flask-sqlalchemy flask-cors flask-login flask-wtf flask-migrate flask-restful
flask-socketio flask-limiter flask-caching fastapi uvicorn starlette pydantic
pydantic-settings gunicorn uwsgi waitress hypercorn daphne aiohttp httpx httpcore
websockets python-multipart python-jose pyjwt passlib bcrypt cryptography pyopenssl
itsdangerous jinja2 markupsafe werkzeug click typer rich colorama tqdm tabulate
sqlalchemy alembic psycopg2 psycopg2-binary psycopg asyncpg pymysql mysqlclient
mysql-connector-python pymongo motor redis celery kombu elasticsearch cassandra-driver
sqlmodel peewee boto3 botocore s3transfer awscli aiobotocore s3fs
google-cloud-storage google-cloud-bigquery google-cloud-pubsub google-api-python-client
google-auth protobuf grpcio grpcio-tools grpcio-health-checking azure-storage-blob
azure-identity azure-core kubernetes docker paramiko fabric ansible ansible-core
pyyaml toml tomli ujson orjson simplejson msgpack marshmallow attrs cattrs
python-dotenv environs jsonschema lxml beautifulsoup4 html5lib scrapy selenium
playwright pyppeteer openpyxl xlrd xlsxwriter python-docx reportlab pypdf pdfminer-six
pytest pytest-cov pytest-django pytest-asyncio pytest-mock coverage tox nox mock
faker factory-boy hypothesis black flake8 isort mypy pylint ruff autopep8 pre-commit
bandit sentry-sdk prometheus-client opentelemetry-api opentelemetry-sdk
opentelemetry-exporter-otlp structlog loguru python-json-logger watchdog supervisor
setuptools wheel pip pipenv poetry virtualenv uv build twine cython pybind11
cffi pycparser pyzmq gevent greenlet eventlet tornado twisted
networkx shapely geopandas pyproj fiona rasterio gdal h5py tables netcdf4 xarray dask
distributed joblib cloudpickle streamlit gradio dash bokeh jupyter jupyterlab notebook
ipython ipykernel nbconvert papermill mlflow wandb optuna ray prefect apache-airflow
luigi great-expectations dbt-core dbt-postgres snowflake-connector-python
pika confluent-kafka kafka-python paho-mqtt nats-py pyserial pexpect psutil
schedule apscheduler arrow pendulum babel python-slugify unidecode regex chardet
more-itertools toolz cachetools diskcache filelock portalocker tenacity backoff retrying
pycryptodome pynacl ecdsa rsa oauthlib requests-oauthlib authlib python-keycloak
ldap3 stripe twilio sendgrid slack-sdk python-telegram-bot discord-py tweepy
boto openai-whisper librosa soundfile pydub moviepy ffmpeg-python youtube-dl yt-dlp
pytesseract easyocr qrcode python-magic filetype zstandard lz4 brotli python-snappy
deepdiff jsonpatch jmespath dnspython netaddr ipaddress pysocks requests-toolbelt
graphene strawberry-graphql ariadne grpcio-status googleapis-common-protos
uvloop httptools watchfiles python-socketio python-engineio mangum zappa
chalice locust mkdocs mkdocs-material sphinx sphinx-rtd-theme docutils pygments
markdown mistune nbformat jupyter-client traitlets tensorboard keras-preprocessing
""".split()

NPM_SEEDS = """
express react react-dom lodash typescript next webpack webpack-cli webpack-dev-server
vue vite @vitejs/plugin-react @vitejs/plugin-vue svelte @sveltejs/kit nuxt
@angular/core @angular/cli @angular/common @angular/compiler @angular/platform-browser
@angular/router rxjs zone.js axios node-fetch got ky superagent request
moment dayjs date-fns luxon uuid nanoid chalk commander yargs inquirer ora
debug dotenv cross-env nodemon pm2 forever concurrently npm-run-all rimraf
mkdirp glob fs-extra chokidar minimist semver cors body-parser cookie-parser
express-session helmet morgan compression multer passport passport-jwt
passport-local jsonwebtoken bcrypt bcryptjs joi yup zod ajv class-validator
class-transformer mongoose mongodb mysql mysql2 pg pg-promise sequelize typeorm
prisma @prisma/client knex redis ioredis sqlite3 better-sqlite3 socket.io
socket.io-client ws graphql apollo-server @apollo/server @apollo/client
graphql-tag koa koa-router @koa/router fastify @nestjs/core @nestjs/common
@nestjs/platform-express @nestjs/cli hapi @hapi/hapi restify sails
winston pino pino-pretty bunyan log4js jest mocha chai sinon supertest
@testing-library/react @testing-library/jest-dom vitest cypress playwright
@playwright/test puppeteer karma jasmine eslint prettier @typescript-eslint/parser
@typescript-eslint/eslint-plugin eslint-config-prettier eslint-plugin-react
eslint-plugin-import husky lint-staged ts-node tsx ts-jest @types/node
@types/react @types/express @types/jest babel-loader @babel/core @babel/preset-env
@babel/preset-react @babel/preset-typescript @babel/cli @babel/runtime core-js
regenerator-runtime esbuild rollup parcel terser uglify-js css-loader style-loader
sass sass-loader less less-loader postcss postcss-loader autoprefixer tailwindcss
html-webpack-plugin mini-css-extract-plugin copy-webpack-plugin file-loader url-loader
react-router react-router-dom redux react-redux @reduxjs/toolkit mobx zustand
styled-components @emotion/react @emotion/styled @mui/material @mui/icons-material
antd bootstrap react-bootstrap jquery d3 chart.js three classnames clsx
prop-types immer immutable ramda underscore async bluebird rxjs-compat
http-server serve live-server browser-sync gulp grunt grunt-cli bower yarn pnpm
npm lerna nx turbo @vue/cli @vue/cli-service vue-router vuex pinia
create-react-app react-scripts gatsby @remix-run/node @remix-run/react astro
firebase firebase-admin aws-sdk @aws-sdk/client-s3 @aws-sdk/client-dynamodb
@google-cloud/storage @azure/storage-blob stripe twilio nodemailer
@sendgrid/mail aws-cdk-lib aws-cdk serverless netlify-cli vercel
sharp jimp canvas pdfkit puppeteer-core xml2js cheerio jsdom marked markdown-it
handlebars ejs pug mustache nunjucks yaml js-yaml ini csv-parser papaparse xlsx
qs querystring form-data formidable busboy mime mime-types http-proxy
http-proxy-middleware node-cron cron bull bullmq amqplib kafkajs mqtt
node-gyp node-pre-gyp nan bindings prebuild-install @grpc/grpc-js @grpc/proto-loader
protobufjs google-protobuf @opentelemetry/api @opentelemetry/sdk-node prom-client
dd-trace newrelic @sentry/node @sentry/react elastic-apm-node
typeorm-naming-strategies reflect-metadata tslib source-map-support
validator sanitize-html dompurify xss helmet-csp express-rate-limit
rate-limiter-flexible lru-cache node-cache memory-cache keyv
openai @anthropic-ai/sdk langchain @langchain/core
commander-plus shelljs execa cross-spawn which tar archiver adm-zip unzipper
nodemon-webpack-plugin ts-loader fork-ts-checker-webpack-plugin dotenv-webpack
@storybook/react storybook web-vitals workbox-webpack-plugin serve-static
""".split()

# CPython 3.12 on linux x86_64, as in python:3.12 images.
MARKER_ENV = {
    "implementation_name": "cpython",
    "implementation_version": "3.12.12",
    "os_name": "posix",
    "platform_machine": "x86_64",
    "platform_python_implementation": "CPython",
    "platform_release": "",
    "platform_system": "Linux",
    "platform_version": "",
    "python_full_version": "3.12.12",
    "python_version": "3.12",
    "sys_platform": "linux",
    "extra": "",
}
GLIBC_MINOR = 41  # trixie's glibc 2.41


def supported_tags() -> dict:
    """Tags pip accepts on CPython 3.12 manylinux x86_64, best first."""
    legacy = {17: "manylinux2014_x86_64", 12: "manylinux2010_x86_64", 5: "manylinux1_x86_64"}
    plats = []
    for m in range(GLIBC_MINOR, 4, -1):
        plats.append(f"manylinux_2_{m}_x86_64")
        if m in legacy:
            plats.append(legacy[m])
    plats.append("linux_x86_64")
    order = list(tags.cpython_tags((3, 12), platforms=plats))
    order += list(tags.compatible_tags((3, 12), "cp312", plats))
    rank: dict = {}
    for i, t in enumerate(order):
        rank.setdefault(t, i)
    return rank


TAG_RANK = supported_tags()


def pep503(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ---------------------------------------------------------------- HTTP


class Http:
    """GET with an on-disk cache, retries and a small global rate limit."""

    def __init__(self, cache: str | None):
        self.cache = cache
        self.lock = threading.Lock()
        self.requests = 0

    def _path(self, key: str) -> str | None:
        if not self.cache:
            return None
        h = hashlib.sha256(key.encode()).hexdigest()[:24]
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", key)[-80:]
        return os.path.join(self.cache, f"{safe}.{h}")

    def get(self, url: str, headers: dict | None = None, allow_404=False) -> bytes | None:
        key = url + "|" + json.dumps(headers or {}, sort_keys=True)
        path = self._path(key)
        if path and os.path.exists(path):
            with open(path, "rb") as f:
                data = f.read()
            return None if data == b"\0404" else data
        data = None
        for attempt in range(5):
            try:
                req = urllib.request.Request(url, headers={"User-Agent": "layerlab-data/1 (package size index)", **(headers or {})})
                with urllib.request.urlopen(req, timeout=120) as r:
                    data = r.read()
                break
            except urllib.error.HTTPError as e:
                if e.code == 404 and allow_404:
                    data = b"\0404"
                    break
                if e.code in (404, 403, 410, 416):
                    raise
                time.sleep(2 ** attempt)
            except (urllib.error.URLError, TimeoutError, ConnectionError):
                time.sleep(2 ** attempt)
        else:
            raise RuntimeError(f"GET {url} failed after retries")
        with self.lock:
            self.requests += 1
        if path:
            os.makedirs(self.cache, exist_ok=True)
            tmp = f"{path}.{threading.get_ident()}.tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        return None if data == b"\0404" else data


# ---------------------------------------------------------------- corpus

PIP_VALUE_OPTS = {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i",
                  "--index-url", "--extra-index-url", "--prefix", "--target", "-t", "--root",
                  "-f", "--find-links", "--trusted-host", "--platform", "--python-version",
                  "--only-binary", "--no-binary", "--src", "--upgrade-strategy", "--progress-bar",
                  "--cache-dir", "--log", "--proxy", "--timeout", "--retries", "--implementation",
                  "--abi", "--report"}
NPM_VALUE_OPTS = {"--prefix", "--registry", "--cache", "--loglevel", "--omit", "--include",
                  "--tag", "--only", "--workspace", "-w"}


def corpus_names(corpus: str) -> tuple[set[str], set[str]]:
    """Package names installed by RUN lines of the corpus's Dockerfiles."""
    pypi, npm = set(), set()
    if not os.path.isdir(corpus):
        return pypi, npm
    for fn in sorted(os.listdir(corpus)):
        if not fn.endswith("Dockerfile"):
            continue
        with open(os.path.join(corpus, fn), encoding="utf-8", errors="replace") as f:
            lines = [l for l in f.read().split("\n") if not l.lstrip().startswith("#")]
        text = re.sub(r"[\\`]\s*\n", " ", "\n".join(lines))
        for line in text.split("\n"):
            for cmd in re.split(r"&&|\|\||;|\|", line):
                try:
                    words = shlex.split(cmd, comments=True)
                except ValueError:
                    words = cmd.split()
                scan_command(words, pypi, npm)
    return pypi, npm


def scan_command(words: list[str], pypi: set[str], npm: set[str]) -> None:
    w = [x for x in words]
    for i in range(len(w)):
        base = os.path.basename(w[i])
        if re.fullmatch(r"pip[0-9.]*", base) and i + 1 < len(w) and w[i + 1] == "install":
            args, eco = w[i + 2:], "pypi"
        elif re.fullmatch(r"python[0-9.]*", base) and w[i + 1:i + 4] == ["-m", "pip", "install"]:
            args, eco = w[i + 4:], "pypi"
        elif base == "npm" and i + 1 < len(w) and w[i + 1] in ("install", "i", "add"):
            args, eco = w[i + 2:], "npm"
        elif base in ("yarn", "pnpm"):
            rest = w[i + 1:]
            if rest[:1] == ["global"]:
                rest = rest[1:]
            if rest[:1] != ["add"]:
                continue
            args, eco = rest[1:], "npm"
        else:
            continue
        value_opts = PIP_VALUE_OPTS if eco == "pypi" else NPM_VALUE_OPTS
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if a.startswith("-"):
                skip = a in value_opts
                continue
            if eco == "pypi":
                m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", a)
                if m and "/" not in a and not a.endswith((".whl", ".tar.gz", ".zip")) and "$" not in m.group(0):
                    pypi.add(pep503(m.group(0)))
            else:
                # Drop an `@version` suffix (a leading `@` is a scope).
                if a.startswith("@"):
                    name = "@" + a[1:].split("@", 1)[0]
                else:
                    name = a.split("@", 1)[0]
                if name and "$" not in name and not name.startswith((".", "/")) and (name.startswith("@") or "/" not in name) and ":" not in name:
                    npm.add(name)
        return


# ---------------------------------------------------------------- zip / tar sizes


def zip_sizes_by_range(http: Http, url: str, total: int) -> tuple[int, int]:
    """(sum of uncompressed sizes, file count) from a remote zip's central
    directory, fetched with Range requests only."""
    tail_len = min(total, 65536 + 22)
    tail = http.get(url, {"Range": f"bytes={total - tail_len}-{total - 1}"})
    if len(tail) != tail_len:
        raise RuntimeError(f"{url}: range not honoured")
    eocd = tail.rfind(b"PK\x05\x06")
    if eocd < 0:
        raise RuntimeError(f"{url}: no end of central directory")
    _, _, _, n, cd_size, cd_off, _ = struct.unpack("<HHHHIIH", tail[eocd + 4:eocd + 22])
    loc = tail.rfind(b"PK\x06\x07", 0, eocd)
    if loc >= 0 and (cd_off == 0xFFFFFFFF or cd_size == 0xFFFFFFFF or n == 0xFFFF):
        (z64_off,) = struct.unpack("<Q", tail[loc + 8:loc + 16])
        rec = tail[z64_off - (total - tail_len):] if z64_off >= total - tail_len else \
            http.get(url, {"Range": f"bytes={z64_off}-{z64_off + 55}"})
        n, cd_size, cd_off = struct.unpack("<QQQ", rec[32:56])
    start = total - tail_len
    if cd_off >= start:
        cd = tail[cd_off - start:cd_off - start + cd_size]
    else:
        cd = http.get(url, {"Range": f"bytes={cd_off}-{cd_off + cd_size - 1}"})
    pos, size_sum, count = 0, 0, 0
    while pos + 46 <= len(cd) and cd[pos:pos + 4] == b"PK\x01\x02":
        (csize, usize, nlen, xlen, clen) = struct.unpack("<IIHHH", cd[pos + 20:pos + 34])
        name = cd[pos + 46:pos + 46 + nlen]
        extra = cd[pos + 46 + nlen:pos + 46 + nlen + xlen]
        if usize == 0xFFFFFFFF:
            # ZIP64 extended info: uncompressed size comes first.
            x = 0
            while x + 4 <= len(extra):
                hid, hlen = struct.unpack("<HH", extra[x:x + 4])
                if hid == 1:
                    (usize,) = struct.unpack("<Q", extra[x + 4:x + 12])
                    break
                x += 4 + hlen
        if not name.endswith(b"/"):
            size_sum += usize
            count += 1
        pos += 46 + nlen + xlen + clen
    if count == 0:
        raise RuntimeError(f"{url}: empty central directory")
    return size_sum, count


def archive_file_sizes(data: bytes, filename: str) -> int:
    """Sum of regular-file sizes in a downloaded .tar.gz/.tgz/.zip."""
    if filename.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return sum(i.file_size for i in z.infolist() if not i.is_dir())
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as t:
        return sum(m.size for m in t.getmembers() if m.isfile())


# ---------------------------------------------------------------- PyPI


def pypi_record(http: Http, name: str) -> dict | None:
    api = f"{PYPI}/{urllib.parse.quote(name)}/json"
    raw = http.get(api, allow_404=True)
    if raw is None:
        return None
    doc = json.loads(raw)
    info = doc["info"]
    version = info["version"]
    files = [u for u in doc.get("urls", []) if not u.get("yanked")]
    for u in files:
        # Some mirrors answer with URLs relative to the API document.
        u["url"] = urllib.parse.urljoin(api, u["url"])
    best = None
    for u in files:
        if u["packagetype"] != "bdist_wheel":
            continue
        try:
            _, _, _, wtags = parse_wheel_filename(u["filename"])
        except InvalidWheelFilename:
            continue
        r = min((TAG_RANK[t] for t in wtags if t in TAG_RANK), default=None)
        if r is not None and (best is None or r < best[0]):
            best = (r, u)
    flags = ""
    if best:
        u = best[1]
        installed, _ = zip_sizes_by_range(http, u["url"], u["size"])
        download = u["size"]
        artifact = u["filename"]
    else:
        sd = [u for u in files if u["packagetype"] == "sdist"]
        if not sd:
            sys.stderr.write(f"pypi {name}: no wheel for cp312 linux x86_64 and no sdist\n")
            return {"name": pep503(info["name"]), "version": version, "missing": True}
        u = sd[0]
        download = u["size"]
        installed = archive_file_sizes(http.get(u["url"]), u["filename"])
        flags = "e"
        artifact = u["filename"]
    reqs = info.get("requires_dist")
    if reqs is None and best:
        meta = http.get(best[1]["url"] + ".metadata", allow_404=True)
        if meta:
            reqs = [l.split(":", 1)[1].strip() for l in meta.decode("utf-8", "replace").split("\n")
                    if l.lower().startswith("requires-dist:")]
    deps: list[str] = []
    for spec in reqs or []:
        try:
            req = Requirement(spec)
        except InvalidRequirement:
            sys.stderr.write(f"pypi {name}: unparsable requirement {spec!r}\n")
            continue
        if req.marker is not None and not req.marker.evaluate(MARKER_ENV):
            continue
        d = pep503(req.name)
        if d not in deps and d != pep503(info["name"]):
            deps.append(d)
    return {"name": pep503(info["name"]), "version": version, "installed": installed,
            "download": download, "flags": flags, "deps": deps, "artifact": artifact}


def crawl_pypi(http: Http, roots: list[str], jobs: int) -> dict[str, dict]:
    out: dict[str, dict] = {}
    seen = set()
    frontier = [pep503(r) for r in roots]
    with ThreadPoolExecutor(jobs) as pool:
        while frontier:
            batch = [n for n in dict.fromkeys(frontier) if n not in seen]
            seen.update(batch)
            frontier = []
            for n, rec in zip(batch, pool.map(lambda n: safe(pypi_record, http, n), batch)):
                if rec is None:
                    sys.stderr.write(f"pypi {n}: not found\n")
                    continue
                if rec.get("missing"):
                    continue
                out[rec["name"]] = rec
                if rec["name"] != n:
                    out.setdefault(n, rec)
                frontier += rec["deps"]
            sys.stderr.write(f"pypi: {len(out)} records\n")
    return {r["name"]: r for r in out.values()}


def safe(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # one bad package must not stop the crawl
        sys.stderr.write(f"{fn.__name__}{args[1:]}: {e}\n")
        return None


# ---------------------------------------------------------------- npm semver

_VER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def parse_ver(v: str):
    m = _VER.match(v.strip())
    if not m:
        return None
    pre = tuple(int(p) if p.isdigit() else p for p in m.group(4).split(".")) if m.group(4) else ()
    return (int(m.group(1)), int(m.group(2)), int(m.group(3)), pre)


def ver_key(v):
    """Sort key: a release sorts after its pre-releases; numeric pre-release
    identifiers sort before alphanumeric ones (semver 2.0 §11)."""
    major, minor, patch, pre = v
    pk = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in pre)
    return (major, minor, patch, 1 if not pre else 0, pk)


def _partial(s: str):
    """`1`, `1.2`, `1.x`, `*` -> list of ints (None for wildcards) + prerelease."""
    s = s.strip().lstrip("v=")
    if s in ("", "*", "x", "X"):
        return [None, None, None], ()
    core, _, pre = s.partition("-")
    core = core.split("+")[0]
    parts = core.split(".")
    nums = []
    for p in parts[:3]:
        nums.append(None if p in ("x", "X", "*") else int(p))
    while len(nums) < 3:
        nums.append(None)
    # Anything after a wildcard is a wildcard.
    for i in range(3):
        if nums[i] is None:
            nums[i + 1:] = [None] * (2 - i)
            break
    pre_t = tuple(int(p) if p.isdigit() else p for p in pre.split(".")) if pre else ()
    return nums, pre_t


def _cmp_set(expr: str) -> list[tuple[str, tuple]]:
    """One space-separated comparator set -> list of (op, version)."""
    expr = re.sub(r"(<=|>=|<|>|=|\^|~)\s+", r"\1", expr.strip())
    hy = re.match(r"^(\S+)\s+-\s+(\S+)$", expr)
    out: list[tuple[str, tuple]] = []
    if hy:
        lo, _ = _partial(hy.group(1))
        hi, hpre = _partial(hy.group(2))
        out.append((">=", tuple(x or 0 for x in lo) + ((),)))
        if hi[0] is None:
            pass
        elif hi[1] is None:
            out.append(("<", (hi[0] + 1, 0, 0, (0,))))
        elif hi[2] is None:
            out.append(("<", (hi[0], hi[1] + 1, 0, (0,))))
        else:
            out.append(("<=", tuple(hi) + (hpre,)))
        return out
    for tok in expr.split():
        m = re.match(r"^(<=|>=|<|>|=|\^|~>?|)(.*)$", tok)
        op, rest = m.group(1), m.group(2)
        nums, pre = _partial(rest)
        M, m_, p = nums
        lowest = (0,)  # `-0`: below every pre-release of that version
        if op in ("", "="):
            if M is None:
                continue
            if m_ is None:
                out += [(">=", (M, 0, 0, lowest)), ("<", (M + 1, 0, 0, lowest))]
            elif p is None:
                out += [(">=", (M, m_, 0, lowest)), ("<", (M, m_ + 1, 0, lowest))]
            else:
                out.append(("=", (M, m_, p, pre)))
        elif op in ("~", "~>"):
            M = M or 0
            out.append((">=", (M, m_ or 0, p or 0, pre)))
            out.append(("<", (M + 1, 0, 0, lowest) if m_ is None else (M, m_ + 1, 0, lowest)))
        elif op == "^":
            M = M or 0
            out.append((">=", (M, m_ or 0, p or 0, pre)))
            if M > 0 or m_ is None:
                out.append(("<", (M + 1, 0, 0, lowest)))
            elif m_ > 0 or p is None:
                out.append(("<", (0, m_ + 1, 0, lowest)))
            else:
                out.append(("<", (0, 0, p + 1, lowest)))
        else:
            if M is None:
                if op in ("<", ">"):
                    out.append(("<", (0, 0, 0, lowest)))  # matches nothing
                continue
            if op == ">":
                if m_ is None:
                    out.append((">=", (M + 1, 0, 0, lowest)))
                elif p is None:
                    out.append((">=", (M, m_ + 1, 0, lowest)))
                else:
                    out.append((">", (M, m_, p, pre)))
            elif op == ">=":
                out.append((">=", (M, m_ or 0, p or 0, pre if p is not None else lowest)))
            elif op == "<":
                out.append(("<", (M, m_ or 0, p or 0, pre if p is not None else lowest)))
            elif op == "<=":
                if m_ is None:
                    out.append(("<", (M + 1, 0, 0, lowest)))
                elif p is None:
                    out.append(("<", (M, m_ + 1, 0, lowest)))
                else:
                    out.append(("<=", (M, m_, p, pre)))
    return out


def satisfies(v, rng: str) -> bool:
    """npm semantics: pre-releases only match a comparator set that names a
    pre-release of the same major.minor.patch."""
    for alt in rng.split("||"):
        comps = _cmp_set(alt)
        ok = True
        for op, c in comps:
            a, b = ver_key(v), ver_key(c)
            ok = {"=": a == b, ">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[op]
            if not ok:
                break
        if not ok:
            continue
        if v[3] and not any(c[3] and c[3] != (0,) and c[:3] == v[:3] for _, c in comps):
            continue
        return True
    return False


def resolve(packument: dict, rng: str) -> str | None:
    rng = rng.strip() or "*"
    tags_ = packument.get("dist-tags", {})
    if rng in tags_:
        return tags_[rng]
    latest = tags_.get("latest")
    lv = parse_ver(latest) if latest else None
    if lv and satisfies(lv, rng):
        return latest
    best = None
    for s in packument.get("versions", {}):
        v = parse_ver(s)
        if v and satisfies(v, rng) and (best is None or ver_key(v) > ver_key(best[0])):
            best = (v, s)
    return best[1] if best else None


# ---------------------------------------------------------------- npm crawl


def npm_packument(http: Http, name: str) -> dict | None:
    url = f"{NPM}/{name.replace('/', '%2F')}"
    raw = http.get(url, {"Accept": "application/vnd.npm.install-v1+json"}, allow_404=True)
    return json.loads(raw) if raw else None


def platform_ok(doc: dict) -> bool:
    def allowed(field, value):
        lst = doc.get(field)
        if not lst:
            return True
        lst = [lst] if isinstance(lst, str) else lst
        if any(x == value for x in lst):
            return True
        if any(x == "!" + value for x in lst):
            return False
        return all(x.startswith("!") for x in lst)
    return allowed("os", "linux") and allowed("cpu", "x64") and allowed("libc", "glibc")


def crawl_npm(http: Http, roots: list[str], jobs: int) -> dict[tuple[str, str], dict]:
    packs: dict[str, dict | None] = {}
    plock = threading.Lock()

    def packument(name):
        with plock:
            if name in packs:
                return packs[name]
        p = safe(npm_packument, http, name)
        with plock:
            packs[name] = p
        return p

    def deps_of(doc: dict) -> list[tuple[str, str]]:
        opt = doc.get("optionalDependencies") or {}
        out = [(n, r) for n, r in (doc.get("dependencies") or {}).items() if n not in opt]
        for n, r in opt.items():
            p = packument(n)
            v = resolve(p, r) if p and isinstance(r, str) else None
            if v and platform_ok(p["versions"][v]):
                out.append((n, r))
        return out

    def record(key: tuple[str, str]):
        name, ver = key
        doc = packument(name)["versions"][ver]
        dist = doc.get("dist", {})
        tarball = dist.get("tarball")
        flags = ""
        deps = []
        for n, r in deps_of(doc):
            if isinstance(r, str) and r.startswith("npm:"):
                # Alias (`"x": "npm:real@range"`): npm installs `real` under
                # the name x; the index records the real package.
                target = r[4:]
                at = target.find("@", 1)
                n, r = (target[:at], target[at + 1:]) if at > 0 else (target, "*")
            if not isinstance(r, str) or r.startswith(("npm:", "git", "http", "file:", "link:", "workspace:")) or "/" in r:
                sys.stderr.write(f"npm {name}@{ver}: dependency {n} {r!r} is not a registry range\n")
                deps.append((n, None))
                continue
            p = packument(n)
            v = resolve(p, r) if p else None
            if v is None:
                # npm would stop with ETARGET; we keep the bare name so the
                # catalog reports it as unknown instead of guessing a size.
                sys.stderr.write(f"npm {name}@{ver}: no release of {n} satisfies {r!r}\n")
            deps.append((n, v))
        data = http.get(tarball)
        download = len(data)
        if isinstance(dist.get("unpackedSize"), int):
            installed, flags = dist["unpackedSize"], "u"
        else:
            installed = archive_file_sizes(data, "x.tgz")
        return {"name": name, "version": ver, "installed": installed, "download": download,
                "flags": flags, "deps": deps}

    out: dict[tuple[str, str], dict] = {}
    seen = set()
    frontier = []
    with ThreadPoolExecutor(jobs) as pool:
        for name, p in zip(roots, pool.map(packument, roots)):
            if p and p.get("dist-tags", {}).get("latest") in p.get("versions", {}):
                frontier.append((name, p["dist-tags"]["latest"]))
            else:
                sys.stderr.write(f"npm {name}: not found\n")
        while frontier:
            batch = [k for k in dict.fromkeys(frontier) if k not in seen]
            seen.update(batch)
            frontier = []
            for k, rec in zip(batch, pool.map(lambda k: _try(record, k), batch)):
                if rec is None:
                    continue
                out[k] = rec
                frontier += [(n, v) for n, v in rec["deps"] if v]
            sys.stderr.write(f"npm: {len(out)} records\n")
    # Flag the `latest` release so a lookup by bare name answers what
    # `npm install NAME` would fetch when several versions are listed.
    for (name, ver), rec in out.items():
        if (packs.get(name) or {}).get("dist-tags", {}).get("latest") == ver:
            rec["flags"] += "L"
    return out


def _try(fn, arg):
    try:
        return fn(arg)
    except Exception as e:
        sys.stderr.write(f"npm {arg}: {e}\n")
        return None


# ---------------------------------------------------------------- output


def render(header: list[str], rows: list[list[str]]) -> bytes:
    text = "".join(f"# {h}\n" for h in header) + "".join("\t".join(r) + "\n" for r in rows)
    return text.encode()


def write(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


# The npm closure is too large to embed whole in the web page (see
# data/README.md), so the page gets the closure of the corpus roots and of
# every curated root whose own closure has at most this many releases; that
# leaves out scaffolding meta-tools (gatsby, react-scripts, netlify-cli...),
# which the CLI and tests still see through the full, gzipped file.
NPM_WEB_MAX_CLOSURE = 250


def npm_closure(recs: dict, root: tuple[str, str]) -> set:
    seen, todo = set(), [root]
    while todo:
        k = todo.pop()
        if k in seen or k not in recs:
            continue
        seen.add(k)
        todo += [(n, v) for n, v in recs[k]["deps"] if v]
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="data")
    ap.add_argument("--cache", default=None, help="keep raw registry responses here for re-runs")
    ap.add_argument("--corpus", default="/work/shared/corpora/realworld")
    ap.add_argument("--jobs", type=int, default=6)
    ap.add_argument("--only", choices=["pypi", "npm"], default=None)
    args = ap.parse_args()
    http = Http(args.cache)
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    c_pypi, c_npm = corpus_names(args.corpus)
    sys.stderr.write(f"corpus: pypi {sorted(c_pypi)}\ncorpus: npm {sorted(c_npm)}\n")
    meta = {}
    if args.only in (None, "pypi"):
        roots = sorted(c_pypi) + [pep503(n) for n in PYPI_SEEDS]
        recs = crawl_pypi(http, list(dict.fromkeys(roots)), args.jobs)
        rows = [[r["name"], r["version"], str(r["installed"]), str(r["download"]), r["flags"],
                 ",".join(r["deps"])] for r in sorted(recs.values(), key=lambda r: r["name"])]
        header = [
            "layerlab PyPI package index",
            f"source: {PYPI}/<name>/json (latest release), wheel central directories read with HTTP Range",
            f"date: {today}",
            f"target: CPython 3.12, manylinux glibc 2.{GLIBC_MINOR} x86_64; markers evaluated for linux x86_64, no extras",
            "installed: sum of uncompressed file sizes in the chosen wheel (flag e: no wheel, sum of the sdist's files)",
            f"roots: {len(c_pypi)} from the corpus, {len(PYPI_SEEDS)} curated; the rest is their dependency closure",
            "columns: name version installed_bytes download_bytes flags depends",
        ]
        data = render(header, rows)
        write(os.path.join(args.out, "pypi.pkgs"), data)
        meta["pypi"] = {"records": len(rows), "bytes": len(data), "gzip_bytes": len(gzip.compress(data, 9)),
                        "corpus_roots": sorted(c_pypi), "estimated": sum(1 for r in rows if "e" in r[4])}
    if args.only in (None, "npm"):
        roots = list(dict.fromkeys(sorted(c_npm) + NPM_SEEDS))
        recs = crawl_npm(http, roots, args.jobs)
        rows = [[r["name"], r["version"], str(r["installed"]), str(r["download"]), r["flags"],
                 ",".join(f"{n}@{v}" if v else n for n, v in r["deps"])]
                for r in sorted(recs.values(), key=lambda r: (r["name"], ver_key(parse_ver(r["version"]) or (0, 0, 0, ()))))]
        header = [
            "layerlab npm package index",
            f"source: {NPM}/<name> (packuments) and the version tarballs",
            f"date: {today}",
            "resolution: roots at dist-tag latest; dependencies (+ optionalDependencies allowed on linux x64 glibc) "
            "at latest if it satisfies the range, else the highest satisfying version",
            "installed: dist.unpackedSize (flag u) or the sum of file sizes in the tarball; download: tarball bytes; flag L: the latest dist-tag",
            f"roots: {len(c_npm)} from the corpus, {len(NPM_SEEDS)} curated; the rest is their dependency closure",
            "columns: name version installed_bytes download_bytes flags depends(name@version)",
        ]
        unresolved = sorted(f"{r['name']}@{r['version']} -> {n}" for r in recs.values()
                            for n, v in r["deps"] if v is None)
        header.insert(-1, "unresolvable at crawl time (no release satisfies the range; kept as a bare name): "
                      + (", ".join(unresolved) or "none"))
        data = render(header, rows)
        gz = gzip.compress(data, compresslevel=9, mtime=0)
        write(os.path.join(args.out, "npm.pkgs.gz"), gz)
        web: set = set()
        kept, dropped = [], []
        for name in roots:
            key = next((k for k, r in recs.items() if k[0] == name and "L" in r["flags"]), None)
            if key is None:
                continue
            c = npm_closure(recs, key)
            if name in c_npm or len(c) <= NPM_WEB_MAX_CLOSURE:
                web |= c
                kept.append(name)
            else:
                dropped.append(f"{name} ({len(c)})")
        web_rows = [r for r in rows if (r[0], r[1]) in web]
        web_header = header[:-1] + [
            f"web subset: closure of the corpus roots and of the {len(kept)} curated roots whose closure "
            f"has at most {NPM_WEB_MAX_CLOSURE} releases; left out: {', '.join(dropped)}",
            header[-1],
        ]
        web_data = render(web_header, web_rows)
        write(os.path.join(args.out, "npm.web.pkgs"), web_data)
        meta["npm"] = {"records": len(rows), "names": len({r[0] for r in rows}), "bytes": len(data),
                       "gzip_bytes": len(gz), "web_records": len(web_rows), "web_bytes": len(web_data),
                       "web_gzip_bytes": len(gzip.compress(web_data, 9)), "web_dropped_roots": dropped,
                       "unresolved": unresolved,
                       "corpus_roots": sorted(c_npm)}
    meta["date"] = today
    if args.only is None:
        # Counts and sizes next to the data, like data/debian/*.meta.json.
        with open(os.path.join(args.out, "lang.meta.json"), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")
    meta["requests"] = http.requests
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

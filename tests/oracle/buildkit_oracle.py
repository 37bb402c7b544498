#!/usr/bin/env python3
"""Differential oracle for Layerlab's Dockerfile parser.

Reads each file named on the command line with the PyPI package
`dockerfile` (BuildKit's own Go parser, compiled into a Python extension)
and prints one JSON object: {path: {"error": message-or-null,
"commands": [...]}}. Each command is normalized to
{cmd, sub_cmd, json, original, start_line, end_line, flags, value,
heredocs: [[name, fd, content]]}; lines are as the binding reports them
(1-based, inclusive). `tests/parser_realworld.rs` compares this with
Layerlab's own parse.

Exit status 3 means the module is missing, so the caller can skip.
"""

import json
import sys

try:
    import dockerfile
except ImportError:
    print("python module 'dockerfile' is not installed", file=sys.stderr)
    sys.exit(3)


def command(c):
    heredocs = getattr(c, "heredocs", ()) or ()
    return {
        "cmd": c.cmd,
        "sub_cmd": c.sub_cmd,
        "json": bool(c.json),
        "original": c.original,
        "start_line": c.start_line,
        "end_line": c.end_line,
        "flags": list(c.flags),
        "value": list(c.value),
        "heredocs": [[h.name, h.file_descriptor, h.content] for h in heredocs],
    }


def main(paths):
    out = {}
    for path in paths:
        try:
            commands = [command(c) for c in dockerfile.parse_file(path)]
            out[path] = {"error": None, "commands": commands}
        except Exception as e:  # the binding raises GoParseError and friends
            out[path] = {"error": str(e), "commands": []}
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])

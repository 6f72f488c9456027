"""Compares two exported directories (or fixture trees) by meaning, not by bytes, so a rebuild that differs
only in protobuf serialisation or float rounding still counts as the same:

- `.onnx`: opset, graph inputs and outputs (names, types, shapes), initializers (the weights, within
  WEIGHT_RTOL/WEIGHT_ATOL) and nodes in order (op type, inputs, outputs, attributes; node names ignored);
- `.json`: the same keys and values, numbers within RTOL/ATOL;
- `.bin`, `.f32`: little-endian float32 arrays within RTOL/ATOL (our tables and reference outputs);
- anything else byte for byte. Both trees must hold the same files.

    /usr/bin/python3 -m xtts_export.compare EXPECTED_DIR ACTUAL_DIR   # prints differences, exit 1 if any
"""
import json
import math
import os
import sys

import numpy as np
import onnx
from onnx import AttributeProto, helper, numpy_helper

# Reference outputs and tables: the tolerance the Java parity tests use (|a - b| <= ATOL + RTOL * |b|).
RTOL, ATOL = 1e-4, 1e-4
# Graph weights: random draws and folded weight norm, so only last-bit rounding may differ.
WEIGHT_RTOL, WEIGHT_ATOL = 1e-5, 1e-6
FLOAT_FILES = (".bin", ".f32")
MAX_REPORTED = 10


def compare_dirs(expected: str, actual: str, ignore=()) -> list:
    """Differences as readable lines; empty when the trees match. `ignore` holds relative file paths, or
    `file.json:/key/key` for one JSON value (e.g. a manifest field that is meant to differ)."""
    skip_files = {i for i in ignore if ":" not in i}
    e, a = _files(expected) - skip_files, _files(actual) - skip_files
    diffs = [f"{p}: missing" for p in sorted(e - a)] + [f"{p}: unexpected file" for p in sorted(a - e)]
    for rel in sorted(e & a):
        json_ignore = {i.split(":", 1)[1] for i in ignore if i.startswith(rel + ":")}
        diffs += [f"{rel}: {d}" for d in compare_file(os.path.join(expected, rel), os.path.join(actual, rel),
                                                       json_ignore)]
    return diffs


def compare_file(expected: str, actual: str, json_ignore=()) -> list:
    if expected.endswith(".onnx"):
        return _onnx(expected, actual)
    if expected.endswith(".json"):
        with open(expected, encoding="utf-8") as f, open(actual, encoding="utf-8") as g:
            out = []
            _json(json.load(f), json.load(g), "", set(json_ignore), out)
            return out[:MAX_REPORTED]
    with open(expected, "rb") as f, open(actual, "rb") as g:
        eb, ab = f.read(), g.read()
    if eb == ab:
        return []
    if expected.endswith(FLOAT_FILES):
        return _floats(eb, ab)
    return [f"bytes differ ({len(eb)} vs {len(ab)} bytes)"]


def _files(root):
    return {os.path.relpath(os.path.join(d, n), root) for d, _, names in os.walk(root) for n in names}


def _floats(eb: bytes, ab: bytes) -> list:
    if len(eb) != len(ab) or len(eb) % 4:
        return [f"{len(eb)} vs {len(ab)} bytes"]
    x, y = np.frombuffer(eb, "<f4"), np.frombuffer(ab, "<f4")
    if _not_floats(x) or _not_floats(y):   # integers read as floats are subnormal: compare exactly then
        return ["bytes differ (not float32 data)"]
    return _close(x, y, RTOL, ATOL, "floats")


def _not_floats(v):
    return bool(np.any((v != 0) & (np.abs(v) < 1e-30)))


def _close(x, y, rtol, atol, what) -> list:
    if x.shape != y.shape:
        return [f"{what}: shape {x.shape} vs {y.shape}"]
    if x.dtype.kind not in "fc":
        return [] if np.array_equal(x, y) else [f"{what}: values differ"]
    bad = ~np.isclose(y, x, rtol=rtol, atol=atol, equal_nan=True)
    if not bad.any():
        return []
    i = int(np.flatnonzero(bad)[0])
    return [f"{what}: {int(bad.sum())} of {x.size} values differ beyond rtol {rtol} atol {atol}; first at flat "
            f"index {i}: {x.flat[i]!r} vs {y.flat[i]!r}"]


def _json(e, a, path, ignore, out):
    if path in ignore:
        return
    if isinstance(e, dict) and isinstance(a, dict):
        for k in sorted(set(e) | set(a)):
            if k not in a or k not in e:
                if f"{path}/{k}" not in ignore:
                    out.append(f"{path}/{k}: only in {'expected' if k in e else 'actual'}")
            else:
                _json(e[k], a[k], f"{path}/{k}", ignore, out)
    elif isinstance(e, list) and isinstance(a, list):
        if len(e) != len(a):
            out.append(f"{path or '/'}: {len(e)} vs {len(a)} items")
        else:
            for i, (x, y) in enumerate(zip(e, a)):
                _json(x, y, f"{path}/{i}", ignore, out)
    elif _number(e) and _number(a) and (isinstance(e, float) or isinstance(a, float)):
        if not math.isclose(a, e, rel_tol=RTOL, abs_tol=ATOL):
            out.append(f"{path}: {e!r} vs {a!r}")
    elif type(e) is not type(a) or e != a:
        out.append(f"{path or '/'}: {_short(e)} vs {_short(a)}")


def _number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _short(v):
    r = repr(v)
    return r if len(r) <= 80 else r[:77] + "..."


def _onnx(expected: str, actual: str) -> list:
    e, a = onnx.load(expected), onnx.load(actual)
    out = []
    opsets = lambda m: sorted((o.domain, o.version) for o in m.opset_import)
    if opsets(e) != opsets(a):
        out.append(f"opset {opsets(e)} vs {opsets(a)}")
    _graph(e.graph, a.graph, "graph", out)
    return out[:MAX_REPORTED]


def _graph(e, a, where, out):
    for kind in ("input", "output"):
        ev = [(v.name, str(v.type)) for v in getattr(e, kind)]
        av = [(v.name, str(v.type)) for v in getattr(a, kind)]
        if ev != av:
            out.append(f"{where} {kind}s differ: {[n for n, _ in ev]} vs {[n for n, _ in av]} (or their types)")
    ei = {t.name: numpy_helper.to_array(t) for t in e.initializer}
    ai = {t.name: numpy_helper.to_array(t) for t in a.initializer}
    if set(ei) != set(ai):
        out.append(f"{where} initializers only in expected {sorted(set(ei) - set(ai))[:5]}, "
                   f"only in actual {sorted(set(ai) - set(ei))[:5]}")
    for name in sorted(set(ei) & set(ai)):
        diffs = _close(ei[name], ai[name], WEIGHT_RTOL, WEIGHT_ATOL, "weights")
        out += [f"{where} initializer {name}: {d}" for d in diffs]
    if len(e.node) != len(a.node):
        out.append(f"{where}: {len(e.node)} vs {len(a.node)} nodes")
    for i, (x, y) in enumerate(zip(e.node, a.node)):
        _node(x, y, f"{where} node {i} ({x.op_type})", out)


def _node(x, y, where, out):
    sig = lambda n: (n.op_type, n.domain, list(n.input), list(n.output))
    if sig(x) != sig(y):
        out.append(f"{where}: {sig(x)} vs {sig(y)}")
        return
    xa, ya = {t.name: t for t in x.attribute}, {t.name: t for t in y.attribute}
    if set(xa) != set(ya):
        out.append(f"{where}: attributes {sorted(xa)} vs {sorted(ya)}")
        return
    for name in sorted(xa):
        u, v = helper.get_attribute_value(xa[name]), helper.get_attribute_value(ya[name])
        if xa[name].type == AttributeProto.TENSOR:
            out += [f"{where} attribute {name}: {d}" for d in
                    _close(numpy_helper.to_array(u), numpy_helper.to_array(v), WEIGHT_RTOL, WEIGHT_ATOL, "tensor")]
        elif xa[name].type == AttributeProto.GRAPH:
            _graph(u, v, f"{where} attribute {name}", out)
        elif isinstance(u, float) or isinstance(v, float):
            if not math.isclose(u, v, rel_tol=WEIGHT_RTOL, abs_tol=WEIGHT_ATOL):
                out.append(f"{where} attribute {name}: {u!r} vs {v!r}")
        elif u != v:
            out.append(f"{where} attribute {name}: {_short(u)} vs {_short(v)}")


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        raise SystemExit("usage: python -m xtts_export.compare EXPECTED_DIR ACTUAL_DIR")
    diffs = compare_dirs(*argv)
    for d in diffs:
        print(d)
    print(f"{len(diffs)} difference(s) between {argv[0]} and {argv[1]}", file=sys.stderr)
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())

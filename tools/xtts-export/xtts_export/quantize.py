"""Int8 weight quantisation of the exported GPT graph (opt-in; see README "Int8 GPT graph").

Every MatMul (and Gemm without transposes) whose second input is a constant 2-D float weight — the blocks'
c_attn, c_proj, mlp c_fc, mlp c_proj and the mel head — becomes an ONNX Runtime `com.microsoft` int8 node:
the weight stored as int8 with a symmetric scale per output column (max |w| / 127, zero point 0), the
activations quantised per tensor at run time. Its bias Add is folded in where the node takes one.
Embeddings (added by the engine), LayerNorm, attention and softmax stay fp32; inputs and outputs are those of
gpt.onnx, so the engine runs either graph the same way.

    /usr/bin/python3 -m xtts_export.quantize DIR     # adds gpt.int8.onnx to an exported directory
    /usr/bin/python3 -m xtts_export --quantize int8 --model-dir DIR        # the same
    /usr/bin/python3 -m xtts_export ... --out DIR --quantize int8          # export, then add it
"""
import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

INT8_FILE = "gpt.int8.onnx"
MS_DOMAIN = "com.microsoft"
# ORT 1.28's CPU kernel: float A quantised to uint8 per tensor at run time, int8 B, int32 accumulation in
# MLAS's u8s8 GEMM (AVX512-VNNI/AVX-VNNI where the CPU has it), then scaled back to float.
OP = "DynamicQuantizeMatMul"
SCHEME = {"weights": "int8, symmetric, one scale per output column (max |w| / 127), zero point 0",
          "activations": "uint8, asymmetric, one scale per tensor, computed by ONNX Runtime at run time",
          "op": f"{MS_DOMAIN}.{OP}",
          "kept_fp32": "embeddings (added by the engine), LayerNorm, attention, softmax, GELU"}


def quantize_weight(w: np.ndarray):
    """[K, N] float → (int8 [K, N], float32 scale [N]) with w ≈ q * scale, |q| ≤ 127."""
    w = w.astype(np.float32)
    peak = np.abs(w).max(axis=0)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_model(model: onnx.ModelProto) -> tuple:
    """Returns (int8 model, number of weight MatMuls replaced). The input model is left unchanged."""
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)
    graph_outputs = {o.name for o in g.output}

    def weight_of(n):
        """The name of n's constant 2-D float weight when n is a MatMul or a plain Gemm, else None."""
        if n.op_type not in ("MatMul", "Gemm") or len(n.input) < 2:
            return None
        t = inits.get(n.input[1])
        if t is None or t.data_type != TensorProto.FLOAT or len(t.dims) != 2:
            return None
        if n.op_type == "Gemm":
            plain = not _attr(n, "transA", 0) and not _attr(n, "transB", 0) \
                and _attr(n, "alpha", 1.0) == 1.0 and _attr(n, "beta", 1.0) == 1.0
            c = inits.get(n.input[2]) if len(n.input) > 2 and n.input[2] else None
            # only a constant per-column bias can move into the int8 node
            if not plain or (len(n.input) > 2 and n.input[2] and (c is None or list(c.dims) != [t.dims[1]])):
                return None
        return n.input[1]

    def bias_of(n, width):
        """(bias name, the Add that applies it or None) for n, or (None, None) when there is no bias to fold."""
        if n.op_type == "Gemm":
            return (n.input[2], None) if len(n.input) > 2 and n.input[2] else (None, None)
        users = consumers.get(n.output[0], [])
        if len(users) != 1 or users[0].op_type != "Add" or n.output[0] in graph_outputs:
            return None, None
        add = users[0]
        other = add.input[1] if add.input[0] == n.output[0] else add.input[0]
        t = inits.get(other)
        if t is None or t.data_type != TensorProto.FLOAT or list(t.dims) != [width]:
            return None, None
        return other, add

    new_inits, nodes, dropped, quantised = [], [], set(), set()
    replaced = 0
    for n in g.node:
        if id(n) in dropped:
            continue
        b = weight_of(n)
        if b is None:
            nodes.append(n)
            continue
        width = inits[b].dims[1]
        if b not in quantised:   # a weight several nodes share is stored once
            q, scale = quantize_weight(numpy_helper.to_array(inits[b]))
            new_inits += [numpy_helper.from_array(q, b + "_int8"), numpy_helper.from_array(scale, b + "_scale"),
                          numpy_helper.from_array(np.zeros(width, np.int8), b + "_zero_point")]
            quantised.add(b)
        bias, add = bias_of(n, width)
        out = add.output[0] if add is not None else n.output[0]
        if add is not None:
            dropped.add(id(add))
        inputs = [n.input[0], b + "_int8", b + "_scale", b + "_zero_point"] + ([bias] if bias else [])
        nodes.append(helper.make_node(OP, inputs, [out], name=(n.name or out) + "_int8", domain=MS_DOMAIN))
        replaced += 1
    # weights no node reads any more are dropped (the same constant may feed several MatMuls)
    read = {i for n in nodes for i in n.input}
    kept = [t for t in g.initializer if t.name in read]
    produced = {o for n in nodes for o in n.output}
    graph = helper.make_graph(nodes, g.name, list(g.input), list(g.output), kept + new_inits,
                              value_info=[v for v in g.value_info if v.name in produced])
    opsets = [o for o in model.opset_import if o.domain != MS_DOMAIN] + [helper.make_opsetid(MS_DOMAIN, 1)]
    out = helper.make_model(graph, opset_imports=opsets, producer_name="xtts_export.quantize",
                            ir_version=model.ir_version)
    return out, replaced


def _attr(n, name, default):
    for a in n.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def quantize_dir(model_dir: str) -> dict:
    """Writes gpt.int8.onnx next to the directory's gpt.onnx and records it in manifest.json; returns the
    manifest. The fp32 files are not touched, so an exported directory gains the int8 graph in place."""
    manifest_file = os.path.join(model_dir, "manifest.json")
    with open(manifest_file) as f:
        manifest = json.load(f)
    fp32 = os.path.join(model_dir, manifest["files"]["gpt"])
    int8, replaced = quantize_model(onnx.load(fp32))
    tmp = os.path.join(model_dir, INT8_FILE + ".tmp")
    onnx.save(int8, tmp)
    os.replace(tmp, os.path.join(model_dir, INT8_FILE))
    manifest["files"]["gpt_int8"] = INT8_FILE
    manifest["quantization"] = {"gpt_int8": dict(SCHEME, source=manifest["files"]["gpt"], matmuls=replaced)}
    tmp = manifest_file + ".tmp"
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(tmp, manifest_file)
    return manifest


def main(argv=None):
    p = argparse.ArgumentParser(prog="xtts_export.quantize", description=__doc__.split("\n")[0])
    p.add_argument("model_dir", help="a directory written by python -m xtts_export")
    a = p.parse_args(argv)
    if not os.path.isfile(os.path.join(a.model_dir, "manifest.json")):
        p.exit(1, f"{p.prog}: {a.model_dir} has no manifest.json; export it first (python -m xtts_export)\n")
    from .__main__ import report_int8
    report_int8(a.model_dir, quantize_dir(a.model_dir))


if __name__ == "__main__":
    main()

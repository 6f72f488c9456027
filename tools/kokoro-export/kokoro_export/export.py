"""Exports a KokoroModel to the ONNX graph the Java engine runs (the onnx-community interface): inputs
`input_ids` int64 [1, T], `style` float32 [1, 256], `speed` float32 [1]; outputs `waveform` float32 [N] and
`duration` int64 [T] (frames per id, 600 samples each). Weight norm is folded first; the generator's 7- and 11-tap
convolutions are computed through a DFT (dft_conv) and its other learned convolutions are written as
two-dimensional ones (convolutions_as_2d). Opset 17."""
import json
import os
import tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from . import dft_conv

OPSET = 17
FORMAT_VERSION = 1
GENERATOR = "/decoder/generator/"


def fold_weight_norm(model):
    """A copy of the model with every weight-normed layer's weight computed once (g · v / ‖v‖)."""
    folded = type(model)(model.config)
    folded.load_state_dict(model.state_dict())
    for module in folded.modules():
        if hasattr(module, "weight_g"):
            torch.nn.utils.remove_weight_norm(module)
    return folded


def export(model, path, deterministic=False, sample_phonemes="həlˈO wˈɜɹld"):
    """Writes the graph to `path`. `deterministic` exports the parity twin (no noise in the harmonic source)."""
    folded = fold_weight_norm(model).eval()
    folded.set_deterministic(deterministic)
    ids = folded.input_ids(sample_phonemes)
    style = torch.zeros(1, 2 * folded.style_dim)
    speed = torch.tensor([1.0])
    with torch.no_grad(), tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "model.onnx")
        torch.onnx.export(folded, (ids, style, speed), raw, input_names=["input_ids", "style", "speed"],
                          output_names=["waveform", "duration"], opset_version=OPSET,
                          dynamic_axes={"input_ids": {1: "T"}, "waveform": {0: "N"}, "duration": {0: "T"}})
        graph = onnx.load(raw)
    dft_conv.rewrite(graph)
    convolutions_as_2d(graph, GENERATOR)
    set_metadata(graph, {"vocab": json.dumps(model.vocab, ensure_ascii=False),
                         "format_version": str(FORMAT_VERSION),
                         "twin": "deterministic" if deterministic else "normal"})
    onnx.checker.check_model(graph)
    onnx.save(graph, path)
    return path


def convolutions_as_2d(model, scope=""):
    """Every Conv whose weight is a [out, in, k] initializer and whose name contains `scope` becomes Unsqueeze →
    Conv over [B, C, 1, T] with a [out, in, 1, k] weight → Squeeze: the same sums (up to rounding), but ONNX Runtime
    runs two-dimensional convolutions with channels in multiples of 8 through its blocked-channel (NCHWc) kernels,
    which on CPU are faster than its one-dimensional path (bench/README.md "Kokoro-82M": 1.07× on the brief). The
    export limits it to the generator (800 and 4,800 frames per second): ONNX Runtime keeps a reordered copy of
    every NCHWc weight beside the original, and the decoder's, text encoder's and F0/N convolutions (165 MB of
    weights at 40–80 frames per second) cost 116 MB more memory that way and no measurable time.
    Returns how many were rewritten."""
    g = model.graph
    weights = {t.name: t for t in g.initializer if len(t.dims) == 3}
    widened = set()
    axis = "conv_as_2d_axis"
    nodes, rewritten = [], 0
    for node in g.node:
        weight = weights.get(node.input[1]) if node.op_type == "Conv" and len(node.input) > 1 else None
        if weight is None or scope not in node.name:
            nodes.append(node)
            continue
        if weight.name not in widened:  # a weight two convolutions share is widened once
            weight.CopyFrom(numpy_helper.from_array(numpy_helper.to_array(weight)[:, :, None, :], weight.name))
            widened.add(weight.name)
        attributes = {}
        for attribute in node.attribute:
            value = helper.get_attribute_value(attribute)
            if attribute.name in ("dilations", "strides", "kernel_shape"):
                value = [1, *value]
            elif attribute.name == "pads":
                value = [0, value[0], 0, value[1]]
            attributes[attribute.name] = value
        wide_in, wide_out = f"{node.output[0]}_2d_in", f"{node.output[0]}_2d"
        nodes += [helper.make_node("Unsqueeze", [node.input[0], axis], [wide_in], name=f"{node.name}_2d_in"),
                  helper.make_node("Conv", [wide_in, *node.input[1:]], [wide_out], name=node.name, **attributes),
                  helper.make_node("Squeeze", [wide_out, axis], [node.output[0]], name=f"{node.name}_2d_out")]
        rewritten += 1
    if rewritten:
        g.initializer.append(numpy_helper.from_array(np.array([2], dtype=np.int64), axis))
    del g.node[:]
    g.node.extend(nodes)
    return rewritten


def set_metadata(graph, values):
    for key, value in values.items():
        for prop in graph.metadata_props:
            if prop.key == key:
                prop.value = value
                break
        else:
            graph.metadata_props.append(onnx.StringStringEntryProto(key=key, value=value))


def kokoro_onnx_variant(source, path, int_speed=True):
    """The same graph with the kokoro-onnx release's interface: ids named `tokens`; with `int_speed`, `speed` int32
    (the official export script's dummy type), cast to float inside. Lets the engine's adapters be tested."""
    graph = onnx.load(source)
    g = graph.graph
    for node in g.node:
        node.input[:] = ["tokens" if i == "input_ids" else i for i in node.input]
    for value in g.input:
        if value.name == "input_ids":
            value.name = "tokens"
    if int_speed:
        for node in g.node:
            node.input[:] = ["speed_float" if i == "speed" else i for i in node.input]
        g.node.insert(0, helper.make_node("Cast", ["speed"], ["speed_float"], to=TensorProto.FLOAT))
        for value in g.input:
            if value.name == "speed":
                value.type.tensor_type.elem_type = TensorProto.INT32
    onnx.checker.check_model(graph)
    onnx.save(graph, path)
    return path

"""PyTorch stand-in for the int8 GPT graph (no ONNX Runtime in Python here): the model with every quantised
weight replaced by the graph's own int8 values times their scales, and every quantised layer's input rounded
the way ORT's DynamicQuantizeMatMul rounds it (uint8, one asymmetric scale per tensor, zero point in 0..255).
Used for the int8 fixture references and tests/test_quantize.py."""
import copy

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .gpt import Conv1D
from .quantize import OP


def fake_quant_uint8(x):
    lo, hi = min(0.0, float(x.min())), max(0.0, float(x.max()))
    scale = (hi - lo) / 255 if hi > lo else 1.0
    zero = float(np.clip(np.rint(-lo / scale), 0, 255))
    return (torch.clamp(torch.round(x / scale) + zero, 0, 255) - zero) * scale


def dequantized_weights(int8: onnx.ModelProto) -> dict:
    """Original fp32 initializer name → the int8 graph's weight as float (q * per-column scale), [K, N]."""
    inits = {t.name: t for t in int8.graph.initializer}
    out = {}
    for n in int8.graph.node:
        if n.op_type == OP:
            q = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
            out[n.input[1][:-len("_int8")]] = q * numpy_helper.to_array(inits[n.input[2]])
    return out


def simulate(model, fp32: onnx.ModelProto, int8: onnx.ModelProto):
    """A copy of the Xtts `model` (whose GPT was exported as `fp32`) that computes what `int8` computes."""
    sim = copy.deepcopy(model).eval()
    fp32_inits = {t.name: numpy_helper.to_array(t) for t in fp32.graph.initializer}
    layers = [m for m in sim.gpt.modules() if isinstance(m, Conv1D)] + [sim.gpt.mel_head]
    for name, w in dequantized_weights(int8).items():
        original = fp32_inits[name]
        for layer in layers:   # Conv1D stores [in, out] like the graph, nn.Linear the transpose
            stored = layer.weight.detach().numpy()
            as_graph = stored if isinstance(layer, Conv1D) else stored.T
            if as_graph.shape == original.shape and np.array_equal(as_graph, original):
                layer.weight.data = torch.from_numpy(w if isinstance(layer, Conv1D) else np.ascontiguousarray(w.T))
                layer.register_forward_pre_hook(lambda mod, args: (fake_quant_uint8(args[0]),))
                layers.remove(layer)
                break
        else:
            raise AssertionError(f"no GPT layer holds the weight {name}")
    return sim

"""Int8 weights for the Kokoro graph (opt-in, `--quantize int8`): every large float weight of a MatMul, Gemm, Conv,
ConvTranspose or LSTM is stored as int8 with a symmetric scale per output channel and turned back into float by a
DequantizeLinear node in front of its consumer. Activations stay float32, so the graph's maths is the fp32 graph's
with rounded weights: about a quarter of the file size, not a faster run. `conv_post` (the layer whose output is
exponentiated into the spectrum) stays float32: rounding its weights is audible as static. So do the DFT convolutions
(dft_conv): their transforms are exact bases, and their per-bin weights are the left operand of a MatMul."""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

MIN_ELEMENTS = 1024
KEPT = ("conv_post", "_dft_")
SCHEME = {"weights": "int8, symmetric, one scale per output channel (max |w| / 127), zero point 0, "
                     "DequantizeLinear before the consumer",
          "activations": "float32",
          "kept_fp32": "conv_post, the DFT convolutions, biases, norms, weights under 1024 elements"}


def _axis(node, index, rank):
    if node.op_type == "MatMul":
        return rank - 1
    if node.op_type == "Gemm":
        trans_b = next((a.i for a in node.attribute if a.name == "transB"), 0)
        return 0 if trans_b else 1
    if node.op_type == "ConvTranspose":
        return 1
    if node.op_type == "LSTM":
        return 1
    return 0  # Conv: [out, in/groups, k]


def _weight_index(node):
    if node.op_type in ("MatMul", "Gemm", "Conv", "ConvTranspose"):
        return (1,)
    if node.op_type == "LSTM":
        return (1, 2)
    return ()


def quantize_model(model):
    """Returns (int8 model, number of weights quantised); the input model is not changed."""
    model = onnx.ModelProto.FromString(model.SerializeToString())
    g = model.graph
    inits = {t.name: t for t in g.initializer}
    done = {}
    new_nodes = []
    for node in g.node:
        for index in _weight_index(node):
            if index >= len(node.input):
                continue
            name = node.input[index]
            t = inits.get(name)
            if t is None or t.data_type != TensorProto.FLOAT or name in done or any(k in node.name for k in KEPT):
                continue
            w = numpy_helper.to_array(t)
            if w.size < MIN_ELEMENTS or w.ndim < 2:
                continue
            axis = _axis(node, index, w.ndim)
            moved = np.moveaxis(w, axis, 0).reshape(w.shape[axis], -1)
            peak = np.abs(moved).max(axis=1)
            scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
            shape = [1] * w.ndim
            shape[axis] = -1
            q = np.clip(np.rint(w / scale.reshape(shape)), -127, 127).astype(np.int8)
            g.initializer.remove(t)
            g.initializer.extend([numpy_helper.from_array(q, name + "_int8"),
                                  numpy_helper.from_array(scale, name + "_scale"),
                                  numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), name + "_zero")])
            new_nodes.append(helper.make_node("DequantizeLinear", [name + "_int8", name + "_scale", name + "_zero"],
                                              [name], name=name + "_dequantize", axis=axis))
            done[name] = axis
    nodes = new_nodes + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(model)
    return model, len(done)


def quantize_file(source, target):
    model, count = quantize_model(onnx.load(source))
    onnx.save(model, target)
    return count

"""Long convolutions through a real DFT: every 'same' convolution with 7 or more taps (in Kokoro, the generator's
resblocks', its noise branch's and conv_post, 7 and 11 taps) is rewritten, in the exported graph, as an overlap-save
convolution over N-point windows (N = 24 for 7 taps, 32 for 11; 16 and 24 from 256 channels, see window_length).
Each window's real DFT is taken by one small convolution, the channels are mixed per frequency bin by one batched
MatMul (Gauss's three-product complex multiplication: N/2 − 1 complex bins cost three real products each, DC and
Nyquist one), and the inverse DFT is one MatMul. An 11-tap convolution then does 47 channel products per 22 outputs
instead of 11 per output (5.1× fewer multiply-adds), a 7-tap one 35 per 18 (3.6×); the transforms add about
N·J/m + J multiply-adds per output and channel, and the reshuffles between them a few passes over the data.
Dilated convolutions are split into their phases first (dilation d: d undilated convolutions on every d-th sample).

Same sums up to rounding: ≈ 5e-7 of the output's peak in float32, measured on ONNX Runtime for 7 and 11 taps,
dilations 1 to 5, lengths 1 to 43,201. The graph is batch 1 (the interface's `input_ids` is [1, T]). What it gains
and costs (the per-bin weights are J/k times the kernel's size): bench/README.md, "Kokoro on 2026-12-08"."""
import numpy as np
from onnx import helper, numpy_helper

MIN_KERNEL = 7
WIDE = 256


def window_length(kernel, channels):
    """The smallest multiple of 8 that is at least 3 (k − 1) — the fastest for 7 and 11 taps, measured — or, for
    layers of 256 channels and more, at least 2 (k − 1): their per-bin weights are (1.5 N − 1) × C² floats, and the
    shorter window saves 57 MB of Kokoro's 185 at no speed difference measured (bench/README.md, 2026-12-08)."""
    return -(-(2 if channels >= WIDE else 3) * (kernel - 1) // 8) * 8


def dft_matrices(weight, n):
    """weight [Co, Ci, k] → forward transform [J, N], per-bin channel products [J, Co, Ci] and inverse [m, J],
    m = N − k + 1 outputs per window, J = 1.5 N − 1 coefficients. ONNX Conv is a cross-correlation, so the bin
    products use the conjugate of the kernel's DFT."""
    k = weight.shape[2]
    m = n - k + 1
    taps, samples, outputs = np.arange(k), np.arange(n), np.arange(m)
    forward, products, inverse = [], [], []
    w = weight.astype(np.float64)
    for f in range(n // 2 + 1):
        real = (w * np.cos(2 * np.pi * f * taps / n)).sum(-1)
        imag = (w * np.sin(2 * np.pi * f * taps / n)).sum(-1)
        cos_in, sin_in = np.cos(2 * np.pi * f * samples / n), np.sin(2 * np.pi * f * samples / n)
        cos_out, sin_out = np.cos(2 * np.pi * f * outputs / n), np.sin(2 * np.pi * f * outputs / n)
        if f == 0 or f == n // 2:
            forward.append(cos_in)
            products.append(real)
            inverse.append(cos_out / n)
        else:
            # X = Xr + i·Xi with Xr = Σ x cos, Xi = −Σ x sin; Y = G·X by Gauss: T1 = Gr (Xr + Xi), T2 = (Gr + Gi) Xi,
            # T3 = (Gi − Gr) Xr; Yr = T1 − T2, Yi = T1 + T3; y = (2/N) Σ (Yr cos − Yi sin) for the inner bins.
            forward += [cos_in - sin_in, -sin_in, cos_in]
            products += [real, real + imag, imag - real]
            inverse += [2 / n * (cos_out - sin_out), -2 / n * cos_out, -2 / n * sin_out]
    return (np.stack(forward).astype(np.float32), np.stack(products).astype(np.float32),
            np.stack(inverse, axis=1).astype(np.float32))


def int64(name, values):
    return numpy_helper.from_array(np.array(values, dtype=np.int64), name)


def _attributes(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def rewrite(model, min_kernel=MIN_KERNEL):
    """Rewrites every one-dimensional Conv with a [Co, Ci, k ≥ min_kernel] initializer weight, stride 1, one group
    and 'same' padding. A bias is added after the inverse, except where the only consumer is an
    InstanceNormalization, which subtracts it again. Returns how many were rewritten."""
    g = model.graph
    initializers = {t.name: t for t in g.initializer}
    weights = {name: t for name, t in initializers.items() if len(t.dims) == 3}
    consumers = {}
    for node in g.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    made, shared = [], set()
    nodes, rewritten = [], 0
    for node in g.node:
        weight = weights.get(node.input[1]) if node.op_type == "Conv" and len(node.input) > 1 else None
        attributes = _attributes(node) if weight is not None else {}
        kernel = weight.dims[2] if weight is not None else 0
        dilation = attributes.get("dilations", [1])[0]
        if (kernel < min_kernel or attributes.get("strides", [1]) != [1] or attributes.get("group", 1) != 1
                or attributes.get("pads", [0, 0]) != [dilation * (kernel - 1) // 2] * 2 or kernel % 2 == 0):
            nodes.append(node)
            continue
        out_channels, in_channels = weight.dims[0], weight.dims[1]
        n = window_length(kernel, max(out_channels, in_channels))
        m = n - kernel + 1
        key = f"{weight.name}_dft{n}"
        coefficients = 3 * n // 2 - 1
        if key not in shared:
            forward, products, inverse = dft_matrices(numpy_helper.to_array(weight), n)
            made += [numpy_helper.from_array(forward[:, None, :], f"{key}_forward"),
                     numpy_helper.from_array(products, f"{key}_products"),
                     numpy_helper.from_array(inverse, f"{key}_inverse")]
            shared.add(key)
        p = f"{node.name}_dft"
        x, y = node.input[0], node.output[0]
        local = [int64(f"{p}_zero", [0]), int64(f"{p}_axis", [2]),
                 int64(f"{p}_bins_shape", [coefficients, in_channels, -1]),
                 int64(f"{p}_flat_shape", [coefficients, -1]), int64(f"{p}_out_shape", [1, out_channels, -1])]
        step = [helper.make_node("Shape", [x], [f"{p}_length"], name=f"{p}_length", start=2, end=3)]
        phase_pad = (kernel - 1) // 2
        if dilation == 1:
            local.append(int64(f"{p}_rows_shape", [in_channels, 1, -1]))
            phased = x
        else:
            local += [int64(f"{p}_dilation", [dilation]), int64(f"{p}_phase_shape", [in_channels, -1, dilation]),
                      int64(f"{p}_rows_shape", [in_channels * dilation, 1, -1])]
            step += [helper.make_node("Neg", [f"{p}_length"], [f"{p}_negative"], name=f"{p}_negative"),
                     helper.make_node("Mod", [f"{p}_negative", f"{p}_dilation"], [f"{p}_right"], name=f"{p}_right"),
                     helper.make_node("Concat", [f"{p}_zero"] * 5 + [f"{p}_right"], [f"{p}_pads"], name=f"{p}_pads",
                                      axis=0),
                     helper.make_node("Pad", [x, f"{p}_pads"], [f"{p}_padded"], name=f"{p}_pad"),
                     helper.make_node("Reshape", [f"{p}_padded", f"{p}_phase_shape"], [f"{p}_phases"],
                                      name=f"{p}_phases"),
                     helper.make_node("Transpose", [f"{p}_phases"], [f"{p}_phased"], name=f"{p}_phased",
                                      perm=[0, 2, 1])]
            phased = f"{p}_phased"
        step += [
            # [Ci·d, 1, V] → windows' DFT [Ci·d, J, Q] (Q = ⌈V / m⌉ windows, zeros beyond the end)
            helper.make_node("Reshape", [phased, f"{p}_rows_shape"], [f"{p}_rows"], name=f"{p}_rows"),
            helper.make_node("Conv", [f"{p}_rows", f"{key}_forward"], [f"{p}_spectra"], name=f"{p}_forward",
                             kernel_shape=[n], strides=[m], pads=[phase_pad, n - phase_pad - 1]),
            helper.make_node("Transpose", [f"{p}_spectra"], [f"{p}_by_bin"], name=f"{p}_by_bin", perm=[1, 0, 2]),
            helper.make_node("Reshape", [f"{p}_by_bin", f"{p}_bins_shape"], [f"{p}_bins"], name=f"{p}_bins"),
            helper.make_node("MatMul", [f"{key}_products", f"{p}_bins"], [f"{p}_mixed"], name=f"{p}_products"),
            helper.make_node("Reshape", [f"{p}_mixed", f"{p}_flat_shape"], [f"{p}_flat"], name=f"{p}_flat"),
            # inverse: [m, J] × [J, Co·d·Q] → [m, Co·d·Q] → rows (channel, phase, window), m outputs each
            helper.make_node("MatMul", [f"{key}_inverse", f"{p}_flat"], [f"{p}_windows"], name=f"{p}_inverse"),
            helper.make_node("Transpose", [f"{p}_windows"], [f"{p}_outputs"], name=f"{p}_outputs", perm=[1, 0])]
        if dilation == 1:
            step.append(helper.make_node("Reshape", [f"{p}_outputs", f"{p}_out_shape"], [f"{p}_long"],
                                         name=f"{p}_long"))
        else:
            local.append(int64(f"{p}_by_phase_shape", [out_channels, dilation, -1]))
            step += [helper.make_node("Reshape", [f"{p}_outputs", f"{p}_by_phase_shape"], [f"{p}_by_phase"],
                                      name=f"{p}_by_phase"),
                     helper.make_node("Transpose", [f"{p}_by_phase"], [f"{p}_interleaved"], name=f"{p}_interleave",
                                      perm=[0, 2, 1]),
                     helper.make_node("Reshape", [f"{p}_interleaved", f"{p}_out_shape"], [f"{p}_long"],
                                      name=f"{p}_long")]
        bias = node.input[2] if len(node.input) > 2 and node.input[2] else None
        if [c.op_type for c in consumers.get(y, [])] == ["InstanceNormalization"]:
            bias = None
        trimmed = y if bias is None else f"{p}_trimmed"
        step.append(helper.make_node("Slice", [f"{p}_long", f"{p}_zero", f"{p}_length", f"{p}_axis"], [trimmed],
                                     name=f"{p}_trim"))
        if bias is not None:
            local.append(numpy_helper.from_array(numpy_helper.to_array(initializers[bias]).reshape(1, -1, 1),
                                                 f"{p}_bias"))
            step.append(helper.make_node("Add", [trimmed, f"{p}_bias"], [y], name=f"{p}_bias"))
        made += local
        nodes += step
        rewritten += 1
    used = {name for node in nodes for name in node.input}
    kept = [t for t in g.initializer if t.name in used] + [t for t in made if t.name in used]
    del g.initializer[:]
    g.initializer.extend(kept)
    del g.node[:]
    g.node.extend(nodes)
    return rewritten

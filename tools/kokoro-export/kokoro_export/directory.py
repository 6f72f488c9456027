"""Writes the model directory the Java engine loads (docs/engines.md "Kokoro-82M"): config.json, model.onnx,
optionally model.int8.onnx, voices/NAME.bin and manifest.json (format version, interface, licence, sha256 of
every file and of the checkpoint)."""
import hashlib
import json
import os

from . import export, quantize, voices

LICENSE = "Apache-2.0"
LICENSE_NOTE = ("Kokoro-82M weights and voices: Apache-2.0 (hexgrad/Kokoro-82M). Random weights carry no licence "
                "of their own; real weights keep Apache-2.0, whose text must ship with them.")
INTERFACE = {"inputs": {"input_ids": "int64 [1,T], [0, ids..., 0], T <= 512", "style": "float32 [1,256]",
                        "speed": "float32 [1], 0.5 to 2.0, larger is faster"},
             "outputs": {"waveform": "float32 [600 * sum(duration)] at 24000 Hz",
                         "duration": "int64 [T], frames per id"},
             "style_row": "min(max(phonemes - 1, 0), 509) of a 510x256 voice pack", "sample_rate": 24000}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write(model, packs, out, quantize_int8=False, checkpoint=None, origin="random weights"):
    os.makedirs(out, exist_ok=True)
    config = {k: v for k, v in model.config.items()}
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=1)
    export.export(model, os.path.join(out, "model.onnx"))
    files = {"config": "config.json", "model": "model.onnx"}
    manifest = {"format_version": export.FORMAT_VERSION, "model": "Kokoro-82M", "origin": origin,
                "license": LICENSE, "license_note": LICENSE_NOTE, "interface": INTERFACE}
    if quantize_int8:
        count = quantize.quantize_file(os.path.join(out, "model.onnx"), os.path.join(out, "model.int8.onnx"))
        files["model_int8"] = "model.int8.onnx"
        manifest["quantization"] = dict(quantize.SCHEME, weights_quantised=count)
    names = voices.write_bins(packs, os.path.join(out, "voices"))
    files["voices"] = ["voices/" + n + ".bin" for n in names]
    manifest["files"] = files
    if checkpoint:
        manifest["checkpoint"] = {"file": os.path.basename(checkpoint), "sha256": sha256(checkpoint)}
    listed = [files["config"], files["model"]] + files["voices"] + ([files["model_int8"]] if quantize_int8 else [])
    manifest["sha256"] = {name: sha256(os.path.join(out, name)) for name in listed}
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest

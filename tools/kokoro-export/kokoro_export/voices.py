"""Voice packs: hexgrad's `voices/NAME.pt` ([510, 1, 256] float tensors) to the raw little-endian float32
`voices/NAME.bin` the onnx-community layout and the Java engine read (522,240 bytes each)."""
import os
import re

import numpy as np
import torch

ROWS, WIDTH = 510, 256
NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


def pack_of(tensor, source):
    array = np.asarray(tensor.detach().cpu().numpy() if torch.is_tensor(tensor) else tensor, dtype=np.float32)
    if array.shape not in ((ROWS, 1, WIDTH), (ROWS, WIDTH)):
        raise ValueError(f"{source}: shape {array.shape}, expected ({ROWS}, 1, {WIDTH})")
    if not np.isfinite(array).all():
        raise ValueError(f"{source}: holds values that are not finite numbers")
    return array.reshape(ROWS, WIDTH)


def read_pt_dir(directory):
    """{name: [510, 256] float32} from every NAME.pt of the directory."""
    packs = {}
    for file in sorted(os.listdir(directory)):
        if not file.endswith(".pt"):
            continue
        name = file[:-3]
        if not NAME.fullmatch(name):
            raise ValueError(f"{file}: a voice name is 1 to 64 letters, digits, '_' or '-'")
        packs[name] = pack_of(torch.load(os.path.join(directory, file), map_location="cpu"), file)
    if not packs:
        raise ValueError(f"{directory} holds no NAME.pt voice")
    return packs


def write_bins(packs, directory):
    os.makedirs(directory, exist_ok=True)
    for name, pack in packs.items():
        pack.astype("<f4").tofile(os.path.join(directory, name + ".bin"))
    return sorted(packs)


def random_packs(names, seed):
    """Random packs whose rows drift slowly (as real packs do), with values on a 1/64 grid so they compress."""
    rng = np.random.RandomState(seed)
    packs = {}
    for name in names:
        base = rng.randn(WIDTH) * 0.5
        drift = rng.randn(WIDTH) * 0.002
        rows = base[None, :] + np.arange(ROWS)[:, None] * drift[None, :]
        packs[name] = (np.round(rows * 64) / 64).astype(np.float32)
    return packs

"""PyTorch reference inference on our modules: cached greedy generation and decoding, used to produce
parity fixtures and PyTorch timings. Mirrors what the Java engine does step by step."""
import torch

from .model import Xtts

DUMMY_PREFIX_ID = 1  # HF generate sees ones for the prefix, so code 1 is always repetition-penalised


@torch.no_grad()
def greedy_codes(model: Xtts, cond, text_ids, special: dict, repetition_penalty: float, cap: int):
    """Returns (codes, latents [n, D]) where latents[i] is the final_norm state that predicted codes[i]."""
    gpt, d = model.gpt, model.dims
    logits, latent, past = gpt.step(gpt.prefix_embeddings(cond, text_ids, special["start"], special["stop"]),
                                    gpt.empty_past())
    seen = {DUMMY_PREFIX_ID, d.start_audio}
    codes, latents = [], []
    while True:
        scores = penalise(logits[0, -1].clone(), seen, repetition_penalty)
        code = int(torch.argmax(scores))
        codes.append(code)
        latents.append(latent[0, -1])
        seen.add(code)
        if code == d.stop_audio or len(codes) >= cap:
            break
        logits, latent, past = gpt.step(gpt.code_embedding(code, len(codes)), past)
    return codes, torch.stack(latents)


def penalise(scores, ids, penalty: float):
    for i in ids:
        s = scores[i]
        scores[i] = s * penalty if s < 0 else s / penalty
    return scores


def top2_margin(model: Xtts, cond, text_ids, special, repetition_penalty, codes):
    """Smallest gap between the best and second-best penalised logit along a greedy run: parity needs it
    well above float32 noise, or ORT and PyTorch could legitimately pick different codes."""
    gpt, d = model.gpt, model.dims
    with torch.no_grad():
        logits, _, past = gpt.step(gpt.prefix_embeddings(cond, text_ids, special["start"], special["stop"]),
                                   gpt.empty_past())
        seen, margin = {DUMMY_PREFIX_ID, d.start_audio}, float("inf")
        for k, code in enumerate(codes):
            top = torch.topk(penalise(logits[0, -1].clone(), seen, repetition_penalty), 2).values
            margin = min(margin, float(top[0] - top[1]))
            seen.add(code)
            if k + 1 < len(codes):
                logits, _, past = gpt.step(gpt.code_embedding(code, k + 1), past)
    return margin


@torch.no_grad()
def waveform(model: Xtts, latents, speaker_embedding, speed=1.0):
    g = speaker_embedding.reshape(1, -1, 1)
    return model.hifigan_decoder(latents.unsqueeze(0), g, speed)[0, 0]

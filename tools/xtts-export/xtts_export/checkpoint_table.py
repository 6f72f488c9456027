"""The XTTS v2 checkpoint layout, written down from the Coqui sources (gpt.py, hifigan_decoder.py,
latent_encoder.py, perceiver_encoder.py) independently of our modules, so a test can hold them to it."""
from .dims import Dims, UPSAMPLE_KERNELS, RESBLOCK_KERNELS


def exported_keys(d: Dims) -> dict:
    """key -> shape for everything the exporter converts (GPT inference path and HiFi-GAN generator)."""
    D, t = d.model_dim, {}
    t["gpt.text_embedding.weight"] = (d.text_vocab, D)
    t["gpt.mel_embedding.weight"] = (d.audio_vocab, D)
    t["gpt.text_pos_embedding.emb.weight"] = (d.max_text_tokens + 2, D)
    t["gpt.mel_pos_embedding.emb.weight"] = (d.max_audio_tokens + 3, D)
    for i in range(d.layers):
        p = f"gpt.gpt.h.{i}."
        for ln in ("ln_1", "ln_2"):
            t[p + ln + ".weight"] = t[p + ln + ".bias"] = (D,)
        t[p + "attn.c_attn.weight"], t[p + "attn.c_attn.bias"] = (D, 3 * D), (3 * D,)
        t[p + "attn.c_proj.weight"], t[p + "attn.c_proj.bias"] = (D, D), (D,)
        t[p + "mlp.c_fc.weight"], t[p + "mlp.c_fc.bias"] = (D, 4 * D), (4 * D,)
        t[p + "mlp.c_proj.weight"], t[p + "mlp.c_proj.bias"] = (4 * D, D), (D,)
    t["gpt.gpt.ln_f.weight"] = t["gpt.gpt.ln_f.bias"] = (D,)
    t["gpt.final_norm.weight"] = t["gpt.final_norm.bias"] = (D,)
    t["gpt.text_head.weight"], t["gpt.text_head.bias"] = (d.text_vocab, D), (d.text_vocab,)
    t["gpt.mel_head.weight"], t["gpt.mel_head.bias"] = (d.audio_vocab, D), (d.audio_vocab,)

    w, c0, S = "hifigan_decoder.waveform_decoder.", d.decoder_channels, d.speaker_dim
    t[w + "conv_pre.weight"], t[w + "conv_pre.bias"] = (c0, D, 7), (c0,)
    t[w + "cond_layer.weight"], t[w + "cond_layer.bias"] = (c0, S, 1), (c0,)
    for i, k in enumerate(UPSAMPLE_KERNELS):
        cin, cout = c0 >> i, c0 >> (i + 1)
        # ConvTranspose1d weight is [in, out, k]; weight_norm's g keeps dim 0, the input channel.
        t[f"{w}ups.{i}.weight_g"], t[f"{w}ups.{i}.weight_v"] = (cin, 1, 1), (cin, cout, k)
        t[f"{w}ups.{i}.bias"] = (cout,)
        t[f"{w}conds.{i}.weight"], t[f"{w}conds.{i}.bias"] = (cout, S, 1), (cout,)
        for j, rk in enumerate(RESBLOCK_KERNELS):
            r = f"{w}resblocks.{i * len(RESBLOCK_KERNELS) + j}."
            for conv in ("convs1", "convs2"):
                for n in range(3):
                    t[f"{r}{conv}.{n}.weight_g"], t[f"{r}{conv}.{n}.weight_v"] = (cout, 1, 1), (cout, cout, rk)
                    t[f"{r}{conv}.{n}.bias"] = (cout,)
    t[w + "conv_post.weight"] = (1, c0 >> len(UPSAMPLE_KERNELS), 7)   # no bias in XTTS v2
    return t


def voice_cloning_keys(d: Dims) -> dict:
    """Keys of the parts we do not export yet (conditioning encoder + perceiver); recorded so the
    loader's list of skipped prefixes is checked against real names. Speaker encoder omitted (large ResNet)."""
    D, t = d.model_dim, {}
    t["gpt.conditioning_encoder.init.weight"], t["gpt.conditioning_encoder.init.bias"] = (D, 80, 1), (D,)
    for i in range(6):
        p = f"gpt.conditioning_encoder.attn.{i}."
        t[p + "norm.weight"] = t[p + "norm.bias"] = (D,)
        t[p + "qkv.weight"], t[p + "qkv.bias"] = (3 * D, D, 1), (3 * D,)
        t[p + "proj_out.weight"], t[p + "proj_out.bias"] = (D, D, 1), (D,)
    inner, ff = 8 * 64, int(D * 4 * 2 / 3)
    t["gpt.conditioning_perceiver.latents"] = (32, D)
    for i in range(2):
        p = f"gpt.conditioning_perceiver.layers.{i}."
        t[p + "0.to_q.weight"], t[p + "0.to_kv.weight"], t[p + "0.to_out.weight"] = (inner, D), (2 * inner, D), (D, inner)
        t[p + "1.0.weight"], t[p + "1.0.bias"] = (2 * ff, D), (2 * ff,)
        t[p + "1.2.weight"], t[p + "1.2.bias"] = (D, ff), (D,)
    t["gpt.conditioning_perceiver.norm.gamma"] = (D,)
    return t

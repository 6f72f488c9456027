"""Text side: a small valid HF-tokenizers BPE file for random models, the XTTS text preparation, and a
plain-Python BPE encoder used only to produce reference ids for the fixtures (Java uses the HF library)."""
import json
import re

SPECIAL = ["[STOP]", "[UNK]", "[SPACE]"]
LANGUAGES = ["en", "de", "fr", "es", "it", "pt", "pl", "tr", "ru", "nl", "cs", "ar", "zh-cn", "hu", "ko", "ja", "hi"]
# The XTTS char_limits table (tokenizer.py; hi from the maintained fork).
CHAR_LIMITS = {"en": 250, "de": 253, "fr": 273, "es": 239, "it": 213, "pt": 203, "pl": 224, "zh": 82, "ar": 166,
               "cs": 186, "ru": 182, "nl": 251, "tr": 226, "ja": 71, "hu": 224, "ko": 95, "hi": 150}
_CHARS = list("abcdefghijklmnopqrstuvwxyz0123456789.,!?'-:;()àâçéèêëîïôûùüäöß")
_MERGES = ["t h", "th e", "i n", "in g", "e r", "a n", "o n", "r e", "e n", "a t", "o u", "i s", "h e", "s t"]


def tiny_tokenizer_json() -> dict:
    """A BPE tokenizer shaped like XTTS's vocab.json: Whitespace pre-tokenizer, no normaliser, special
    added tokens. Ids: [STOP] 0, [UNK] 1, [SPACE] 2, then characters and merges, then [START] and tags."""
    vocab = {t: i for i, t in enumerate(SPECIAL)}
    for c in _CHARS:
        vocab[c] = len(vocab)
    for m in _MERGES:
        vocab["".join(m.split(" "))] = len(vocab)
    added = SPECIAL + ["[START]"] + [f"[{lang}]" for lang in LANGUAGES]
    for t in added:
        vocab.setdefault(t, len(vocab))
    return {
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
                          "normalized": False, "special": True} for t in added],
        "normalizer": None, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": None, "decoder": None,
        "model": {"type": "BPE", "dropout": None, "unk_token": "[UNK]", "continuing_subword_prefix": None,
                  "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
                  "vocab": vocab, "merges": list(_MERGES)},
    }


def prepare(text: str, lang: str) -> str:
    """What Java's XttsText does before the tokenizer: strip, lower-case, drop quotes, collapse whitespace,
    add the language tag and spell spaces as [SPACE]."""
    text = re.sub(r"\s+", " ", text.strip().lower().replace('"', "")).strip()
    tag = "zh-cn" if lang.split("-")[0] == "zh" else lang.split("-")[0]
    return f"[{tag}]" + text.replace(" ", "[SPACE]")


def encode(tok: dict, text: str) -> list:
    """Reference BPE: added tokens first (leftmost), Whitespace split, then merges by rank."""
    vocab, ranks = tok["model"]["vocab"], {tuple(m.split(" ")): i for i, m in enumerate(tok["model"]["merges"])}
    added = sorted((t["content"] for t in tok["added_tokens"]), key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(a) for a in added))
    ids, pos = [], 0
    for m in list(pattern.finditer(text)) + [None]:
        chunk = text[pos:m.start()] if m else text[pos:]
        for word in re.findall(r"\w+|[^\w\s]+", chunk):
            ids += _bpe(word, vocab, ranks)
        if m:
            ids.append(vocab[m.group()])
            pos = m.end()
    return ids


def _bpe(word, vocab, ranks):
    parts = list(word)
    while len(parts) > 1:
        pairs = [(ranks.get((a, b), 1 << 30), i) for i, (a, b) in enumerate(zip(parts, parts[1:]))]
        rank, i = min(pairs)
        if rank == 1 << 30:
            break
        parts[i:i + 2] = [parts[i] + parts[i + 1]]
    return [vocab.get(p, vocab["[UNK]"]) for p in parts]


def special_ids(tok: dict) -> dict:
    """The ids the engine needs, read from the file (never hard-coded: v2's [START] differs from v1's)."""
    by_content = {t["content"]: t["id"] for t in tok["added_tokens"]}
    return {"start": by_content["[START]"], "stop": by_content["[STOP]"], "space": by_content["[SPACE]"],
            "unk": by_content["[UNK]"],
            "languages": {c[1:-1]: i for c, i in by_content.items() if c[1:-1] in LANGUAGES}}


def write(tok: dict, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, separators=(",", ":"))

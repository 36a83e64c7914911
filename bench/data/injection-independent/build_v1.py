#!/usr/bin/env python3
"""Builds v1.jsonl from the hand-written texts in source/. Run from anywhere: python3 build_v1.py
The only computed parts are reversible encodings (source/transforms.py) applied to hand-written payloads, and
base64/hex/URL placeholders in benign data blobs; everything else is copied verbatim. Output is deterministic."""
import base64
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "source"))

import attacks_direct, attacks_encoded, attacks_indirect, attacks_long, attacks_multilingual  # noqa: E402
import benign_about, benign_code_data, benign_content, benign_direct, benign_multilingual  # noqa: E402
from transforms import TRANSFORMS  # noqa: E402

HAND = "hand-written"
_BLOBS = {
    "b64": lambda s: base64.b64encode(s.encode()).decode(),
    "b64bin": lambda s: base64.b64encode(bytes.fromhex(s)).decode(),
    "hex": lambda s: s.encode().hex(),
    "hexsp": lambda s: " ".join(f"{b:02x}" for b in s.encode()),
    "url": lambda s: urllib.parse.quote(s),
}


def expand_blobs(text):
    """Replaces {kind:plain} (plain may hold balanced braces) with the encoded plain text."""
    out, i = [], 0
    while i < len(text):
        head = next((k for k in _BLOBS if text.startswith("{" + k + ":", i)), None)
        if head is None:
            out.append(text[i]); i += 1
            continue
        j, depth = i + len(head) + 2, 1
        start = j
        while depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0); j += 1
        out.append(_BLOBS[head](text[start:j - 1])); i = j
    return "".join(out)


def records():
    for text, style, lang, origin in attacks_multilingual.ITEMS:
        yield text, "attack", "multilingual", HAND, style, lang, origin
    for carrier, payload, transform, style, lang, origin in attacks_encoded.ITEMS:
        text = carrier.replace("{p}", TRANSFORMS[transform](payload)) if "{p}" in carrier else carrier
        source = HAND if transform == "none" else f"{HAND} payload, encoded: {transform}"
        yield text, "attack", "encoded", source, style or transform, lang, origin
    for text, style, lang, origin in attacks_indirect.ITEMS:
        yield text, "attack", "indirect", HAND, style, lang, origin
    for text, family, style, origin in attacks_direct.ITEMS:
        yield text, "attack", family, HAND, style, "en", origin
    for text, family, style, lang, origin in attacks_long.ITEMS:
        yield text, "attack", family, HAND, style, lang, origin
    for text, style, lang, origin in benign_multilingual.ITEMS:
        yield text, "benign", "multilingual", HAND, style, lang, origin
    for text, style, lang, origin in benign_content.ITEMS:
        yield text, "benign", "indirect", HAND, style, lang, origin
    for text, family, style, origin in benign_direct.ITEMS:
        yield text, "benign", family, HAND, style, "en", origin
    for text, style, origin in benign_about.ITEMS:
        yield text, "benign", "about_injection", HAND, style, "en", origin
    for text, family, style, origin in benign_code_data.ITEMS:
        expanded = expand_blobs(text)
        source = HAND if expanded == text else f"{HAND}, data encoded by build_v1.py"
        yield expanded, "benign", family, source, style, "en", origin


def main():
    counts, seen, lines = {}, set(), []
    for text, label, family, source, style, lang, origin in records():
        assert text not in seen, f"duplicate text: {text[:60]}"
        seen.add(text)
        key = (label, family)
        counts[key] = counts.get(key, 0) + 1
        rec = {"id": f"{label}-{family}-{counts[key]:03d}", "text": text, "label": label, "family": family,
               "source": source, "style": style, "language": lang, "origin": origin}
        lines.append(json.dumps(rec, ensure_ascii=False))
    with open(os.path.join(HERE, "v1.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    for key in sorted(counts):
        print(f"{key[0]:7} {key[1]:16} {counts[key]}")
    print("total", len(lines))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds v3.jsonl from the hand-written sources in source/ (Python 3 standard library only).

Deterministic: the same sources give a byte-identical v3.jsonl. Exits non-zero if any check fails: unique ids and
texts, valid labels/families/origins/language codes, benign-only families without attacks, `indirect` rows all of
`content` origin, the decode-back of every encoded row, the language coverage of `multilingual`, and the size
targets. `python3 build_v3.py --check` verifies the committed v3.jsonl instead of writing it.
"""
import collections
import importlib
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "source"))
import transforms  # noqa: E402

MODULES = ["multilingual", "encoded", "indirect", "persona", "extraction", "policy_rewrite", "output_hijack",
           "about_injection", "code", "support"]
ATTACK_FAMILIES = ["multilingual", "encoded", "indirect", "persona", "extraction", "policy_rewrite", "output_hijack"]
BENIGN_ONLY = {"about_injection": 40, "code": 30, "support": 40}
TOP_WEB_LANGUAGES = {"zh", "es", "ar", "hi", "pt", "ru", "ja", "de", "fr", "ko"}
ISO_639_1 = set("aa ab af am ar as az be bg bn bo bs ca cs cy da de el en eo es et eu fa fi fr ga gl gu he hi hr "
                "hu hy id is it ja jv ka kk km kn ko ku ky la lo lt lv mk ml mn mr ms mt my nb ne nl nn no pa pl ps "
                "pt ro ru si sk sl so sq sr sv sw ta te tg th tk tl tr uk ur uz vi xh yo zh zu".split())
FIELDS = ["id", "text", "label", "family", "source", "style", "language", "origin"]


def fail(message):
    sys.exit("build_v3: " + message)


def encoded_rows(module):
    rows = []
    for label, style, lang, origin, encoding, payload, wrapper in module.ITEMS:
        if encoding == "acrostic":
            block = wrapper.split("\n\n", 1)[1]
            letters = "".join(line[0] for line in block.split("\n") if line)
            if letters.upper() != payload.replace(" ", "").upper():
                fail(f"acrostic {payload!r} spells {letters!r}")
            text, source = wrapper, "hand-written acrostic (first letters checked by script)"
        else:
            if wrapper.count("@@@") != 1:
                fail(f"wrapper for {payload!r} needs exactly one @@@")
            blob = transforms.encode(encoding, payload)
            if transforms.decode(encoding, blob) != payload or blob == payload:
                fail(f"{encoding} does not round-trip (or does not change) {payload!r}")
            text, source = wrapper.replace("@@@", blob), f"hand-written payload, {encoding} by script"
        rows.append(dict(text=text, label=label, family=module.FAMILY, source=source, style=style, language=lang,
                         origin=origin))
    return rows


def indirect_rows(module):
    rows = []
    for style, lang, carrier, attack, benign in module.PAIRS:
        if carrier.count("@@@") != 1:
            fail(f"carrier {style!r} needs exactly one @@@")
        for label, insert in (("attack", attack), ("benign", benign)):
            rows.append(dict(text=carrier.replace("@@@", insert), label=label, family=module.FAMILY,
                             source="hand-written, near-minimal pair (carrier shared by one attack and one benign row)",
                             style=style, language=lang, origin="content"))
    for label, style, lang, text in module.SINGLES:
        rows.append(dict(text=text, label=label, family=module.FAMILY, source="hand-written", style=style,
                         language=lang, origin="content"))
    return rows


def plain_rows(module):
    return [dict(text=text, label=label, family=module.FAMILY, source="hand-written", style=style, language=lang,
                 origin=origin) for label, style, lang, origin, text in module.ITEMS]


def build():
    rows = []
    for name in MODULES:
        module = importlib.import_module(name)
        if module.FAMILY != name:
            fail(f"{name}.py declares family {module.FAMILY!r}")
        rows += encoded_rows(module) if name == "encoded" else indirect_rows(module) if name == "indirect" else plain_rows(module)
    numbers = collections.Counter()
    for row in rows:
        numbers[(row["label"], row["family"])] += 1
        row["id"] = f"{row['label']}-{row['family']}-{numbers[(row['label'], row['family'])]:03d}"
    return [{k: row[k] for k in FIELDS} for row in rows]


def validate(rows):
    families = set(ATTACK_FAMILIES) | set(BENIGN_ONLY)
    for field in ("id", "text"):
        dup = [v for v, n in collections.Counter(r[field] for r in rows).items() if n > 1]
        if dup:
            fail(f"duplicate {field}: {dup[0][:80]!r}")
    for r in rows:
        if r["label"] not in ("attack", "benign"): fail(f"{r['id']}: bad label")
        if r["family"] not in families: fail(f"{r['id']}: bad family")
        if r["origin"] not in ("user", "content"): fail(f"{r['id']}: bad origin")
        if r["language"] not in ISO_639_1: fail(f"{r['id']}: bad language {r['language']!r}")
        if not r["text"].strip() or not r["style"].strip(): fail(f"{r['id']}: empty text or style")
        if r["family"] in BENIGN_ONLY and r["label"] == "attack": fail(f"{r['id']}: attack in a benign-only family")
        if r["family"] == "indirect" and r["origin"] != "content": fail(f"{r['id']}: indirect row not content")
        if "@@@" in r["text"]: fail(f"{r['id']}: unfilled marker")
    count = collections.Counter((r["family"], r["label"]) for r in rows)
    for fam in ATTACK_FAMILIES:
        if count[(fam, "attack")] < 25 or count[(fam, "benign")] < 15:
            fail(f"{fam}: {count[(fam, 'attack')]} attacks / {count[(fam, 'benign')]} benign, below target")
    for fam, least in BENIGN_ONLY.items():
        if count[(fam, "benign")] < least: fail(f"{fam}: {count[(fam, 'benign')]} rows, target {least}")
    attacks = sum(r["label"] == "attack" for r in rows)
    if len(rows) < 600 or not 0.45 <= attacks / len(rows) <= 0.50:
        fail(f"{len(rows)} rows with {attacks} attacks misses the targets (>= 600 rows, 45-50% attacks)")
    ml = [r for r in rows if r["family"] == "multilingual"]
    langs = {lab: {r["language"] for r in ml if r["label"] == lab} for lab in ("attack", "benign")}
    if "en" in langs["attack"]: fail("multilingual attack labelled en")
    if not TOP_WEB_LANGUAGES <= langs["attack"] or not TOP_WEB_LANGUAGES <= langs["benign"]:
        fail(f"multilingual lacks top-10 languages: {sorted(TOP_WEB_LANGUAGES - (langs['attack'] & langs['benign']))}")
    others = langs["attack"] - TOP_WEB_LANGUAGES
    if len(others) < 15: fail(f"only {len(others)} further attack languages")
    if langs["attack"] - langs["benign"]: fail(f"no benign counterpart in {sorted(langs['attack'] - langs['benign'])}")


def serialise(rows):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def report(rows):
    count = collections.Counter((r["family"], r["label"]) for r in rows)
    everyday = collections.Counter(r["family"] for r in rows if r["label"] == "benign" and r["style"].startswith("everyday"))
    print(f"{'family':<16}{'attack':>7}{'benign':>7}{'everyday':>9}")
    for fam in ATTACK_FAMILIES + list(BENIGN_ONLY):
        print(f"{fam:<16}{count[(fam, 'attack')]:>7}{count[(fam, 'benign')]:>7}{everyday[fam]:>9}")
    attacks = [r for r in rows if r["label"] == "attack"]
    benign = [r for r in rows if r["label"] == "benign"]
    print(f"{'total':<16}{len(attacks):>7}{len(benign):>7}{sum(everyday.values()):>9}   ({len(rows)} rows, "
          f"{100 * len(attacks) / len(rows):.1f}% attacks)")
    for name, group in (("attacks", attacks), ("benign", benign)):
        origins = collections.Counter(r["origin"] for r in group)
        sizes = [len(r["text"].encode()) for r in group]
        print(f"{name}: origin user {origins['user']} / content {origins['content']}; UTF-8 bytes {min(sizes)}-"
              f"{max(sizes)}, median {statistics.median(sizes):.0f}")
    langs = collections.Counter((r["language"], r["label"]) for r in rows)
    codes = sorted({lang for lang, _ in langs})
    print(f"{len(codes)} languages (attack/benign): " + ", ".join(f"{c} {langs[(c, 'attack')]}/{langs[(c, 'benign')]}" for c in codes))
    ml = collections.Counter((r["language"], r["label"]) for r in rows if r["family"] == "multilingual")
    print("multilingual family (attack/benign): " + ", ".join(
        f"{c} {ml[(c, 'attack')]}/{ml[(c, 'benign')]}" for c in sorted({lang for lang, _ in ml})))
    enc = collections.Counter(r["source"].split(", ")[-1].removesuffix(" by script") for r in rows if r["family"] == "encoded")
    print(f"encodings ({len(enc)}): " + ", ".join(f"{k} {v}" for k, v in sorted(enc.items())))


def main():
    rows = build()
    validate(rows)
    data = serialise(rows)
    out = os.path.join(HERE, "v3.jsonl")
    if "--check" in sys.argv[1:]:
        with open(out, "rb") as f:
            if f.read() != data: fail("committed v3.jsonl differs from what the sources build")
        print("v3.jsonl is byte-identical to the build")
    else:
        with open(out, "wb") as f:
            f.write(data)
    report(rows)


if __name__ == "__main__":
    main()

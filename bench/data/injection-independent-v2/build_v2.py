#!/usr/bin/env python3
"""Builds v2.jsonl from the hand-written items under source/ (deterministic; Python 3 standard library only).

Attack and benign items are hand-written in source/*.py (COMPUTED rows: benign data blobs such as a PNG data URI
or a JWT built by the module itself from hand-written fields). Items with an encoding carry a hand-written payload and a
hand-written wrapper holding the marker @@@; the script encodes the payload (source/transforms.py), puts it in the
wrapper and checks that it decodes back. Ids are assigned in file order: label-family-NNN.
usage: python3 build_v2.py   (writes v2.jsonl next to this script and prints the counts)
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

ATTACK_FAMILIES = ["multilingual", "encoded", "indirect", "persona", "extraction", "policy_rewrite", "output_hijack"]
BENIGN_ONLY = ["about_injection", "code", "support"]
MODULES = ["attacks_multilingual", "attacks_encoded", "attacks_indirect", "attacks_indirect_long", "attacks_persona",
           "attacks_extraction_policy", "attacks_output", "attacks_more", "benign_multilingual", "benign_encoded", "benign_indirect",
           "benign_indirect_long", "benign_chat", "benign_about", "benign_code", "benign_support", "benign_everyday"]
MARKER = "@@@"


def rows_of(module):
    """(label, family, text, source, style, language, origin) for every item in one source module."""
    mod = importlib.import_module(module)
    for family, text, style, language, origin in getattr(mod, "ITEMS", []):
        yield mod.LABEL, family, text, "hand-written", style, language, origin
    for family, text, source, style, language, origin in getattr(mod, "COMPUTED", []):
        yield mod.LABEL, family, text, source, style, language, origin
    for family, encoding, payload, wrapper, style, language, origin in getattr(mod, "ENCODED", []):
        encoded = transforms.encode(encoding, payload)
        if transforms.decode(encoding, encoded) != payload:
            sys.exit(f"{module}: {encoding} does not decode back to {payload!r}")
        if wrapper.count(MARKER) != 1:
            sys.exit(f"{module}: wrapper must hold {MARKER} once: {wrapper[:60]!r}")
        yield mod.LABEL, family, wrapper.replace(MARKER, encoded), f"hand-written payload, {encoding} by script", style, language, origin


def build():
    rows, counters, seen_texts = [], collections.Counter(), set()
    for module in MODULES:
        for label, family, text, source, style, language, origin in rows_of(module):
            if label not in ("attack", "benign"): sys.exit(f"bad label {label}")
            if family not in ATTACK_FAMILIES + BENIGN_ONLY: sys.exit(f"bad family {family}")
            if label == "attack" and family in BENIGN_ONLY: sys.exit(f"{family} is benign-only: {text[:60]!r}")
            if origin not in ("user", "content"): sys.exit(f"bad origin {origin}")
            if len(language) != 2 or not language.islower(): sys.exit(f"bad language {language}")
            if text in seen_texts: sys.exit(f"duplicate text: {text[:60]!r}")
            seen_texts.add(text)
            counters[(label, family)] += 1
            row_id = f"{label}-{family}-{counters[(label, family)]:03d}"
            rows.append({"id": row_id, "text": text, "label": label, "family": family, "source": source,
                         "style": style, "language": language, "origin": origin})
    if len({r["id"] for r in rows}) != len(rows): sys.exit("duplicate ids")
    return rows


def report(rows):
    fams = ATTACK_FAMILIES + BENIGN_ONLY
    count = collections.Counter((r["family"], r["label"]) for r in rows)
    print(f"{'family':<16}{'attack':>8}{'benign':>8}")
    for f in fams:
        print(f"{f:<16}{count[(f, 'attack')]:>8}{count[(f, 'benign')]:>8}")
    attacks = [r for r in rows if r["label"] == "attack"]
    benign = [r for r in rows if r["label"] == "benign"]
    print(f"{'total':<16}{len(attacks):>8}{len(benign):>8}   ({len(rows)} rows)")
    everyday = sum(r["style"].startswith("everyday") for r in benign)
    print(f"benign everyday: {everyday} ({100 * everyday / len(benign):.0f}% of benign); hard negatives: {len(benign) - everyday}")
    langs = collections.Counter(r["language"] for r in attacks)
    print("attack languages:", ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    print("benign languages:", ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(r["language"] for r in benign).items())))
    origins = collections.Counter((r["label"], r["origin"]) for r in rows)
    print("origins:", ", ".join(f"{l}/{o} {n}" for (l, o), n in sorted(origins.items())))
    sizes = sorted(len(r["text"].encode()) for r in rows)
    print(f"bytes: min {sizes[0]}, median {statistics.median(sizes):.0f}, max {sizes[-1]}; over 1 KB: {sum(s > 1024 for s in sizes)}")
    print("encodings:", len({r["source"] for r in rows if "by script" in r["source"]}))
    return langs, count


def check_targets(rows, langs, count):
    attacks = [r for r in rows if r["label"] == "attack"]
    problems = []
    if len(rows) < 450: problems.append("fewer than 450 rows")
    if len({l for l in langs if l != "en"}) < 12: problems.append("attacks in fewer than 12 non-English languages")
    for f in ATTACK_FAMILIES:
        if count[(f, "attack")] < 15: problems.append(f"{f}: fewer than 15 attacks")
    if count[("multilingual", "attack")] < 40: problems.append("fewer than 40 multilingual attacks")
    if sum(r["origin"] == "content" for r in attacks if r["family"] == "indirect") < 40: problems.append("fewer than 40 indirect content attacks")
    if problems: sys.exit("targets not met: " + "; ".join(problems))


def main():
    rows = build()
    langs, count = report(rows)
    check_targets(rows, langs, count)
    with open(os.path.join(HERE, "v2.jsonl"), "w", encoding="utf-8", newline="\n") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"wrote v2.jsonl ({len(rows)} rows)")


if __name__ == "__main__":
    main()

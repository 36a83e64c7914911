#!/usr/bin/env python3
"""Builds src/Gantry.Guardrails/Injection/Training/injection_corpus.jsonl: the per-family prompt-injection corpus.

Each row: {"text", "label": injection|benign, "family", "source", "split": train|test|legacy_heldout}.
Split by source: every family has training sources (a, b, and c: the concept grammars of issue 22's second round)
and a test source (t) whose texts, payloads and carriers were written separately, in another register. Source u
(split "fresh", fresh_*.py) was written after the second round's features and lexicon were frozen, by the same
session, because the second round read the t texts while diagnosing (so t is no longer unseen by the author).
Source d (broad_*.py, train) was written in the third round from broad grammars without reading held-out texts.
Source e (addressed_content.py, train): the fourth round's shift-of-addressee documents, persona and obfuscation shapes.
Source w (unseen_w.py, split 'unseen_w'): hand-written once each after the fourth round's freeze, scored once.
Source f (hard_cases_f.py, train): the fifth round's hard negatives and obfuscated/multilingual attacks, written for
the error families of the independent set v1 (a development set from then on), not from its texts.
The older hand-labelled set (../labelled_injection.jsonl) joins as source "legacy": its dev third trains, its
held-out third stays out of training (split legacy_heldout). Deterministic: same output on every run."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import benign, benign_more, direct, multilingual_b, indirect, multilingual, obfuscation  # noqa: E402
import grammar_attacks, grammar_benign, grammar_indirect, multilingual_c  # noqa: E402
import fresh_attacks, fresh_benign, unseen_attacks, unseen_benign  # noqa: E402
import broad_attacks, broad_benign, broad_content, broad_multilingual  # noqa: E402
import addressed_content, unseen_w, hard_cases_f  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
rows, seen = [], set()
SPLIT = {"t": "test", "u": "fresh", "v": "unseen"}
for module in (direct, multilingual, obfuscation, indirect, benign, benign_more, multilingual_b,
               grammar_attacks, grammar_benign, grammar_indirect, multilingual_c, fresh_attacks, fresh_benign,
               unseen_attacks, unseen_benign):
    for text, label, family, source in module.examples():
        if text in seen:
            continue
        seen.add(text)
        rows.append({"text": text, "label": label, "family": family, "source": source,
                     "split": SPLIT.get(source, "train")})
with open(os.path.join(here, "..", "labelled_injection.jsonl"), encoding="utf-8") as f:
    for line in f:
        old = json.loads(line)
        if old["text"] in seen:
            continue
        seen.add(old["text"])
        rows.append({"text": old["text"], "label": old["label"], "family": "legacy:" + old["category"],
                     "source": "legacy", "split": "train" if old["split"] == "dev" else "legacy_heldout"})
# Sources d, e and f (third to fifth rounds) come last, so a text it shares with a held-out or legacy row stays
# held out (the first occurrence wins) and no earlier row changes.
for module in (broad_attacks, broad_content, broad_benign, broad_multilingual, addressed_content, unseen_w, hard_cases_f):
    for text, label, family, source in module.examples():
        if text in seen:
            continue
        seen.add(text)
        rows.append({"text": text, "label": label, "family": family, "source": source, "split": "unseen_w" if source == "w" else "train"})
with open(os.path.join(here, "..", "..", "..", "..", "src", "Gantry.Guardrails", "Injection", "Training", "injection_corpus.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
by = {}
for r in rows:
    key = (r["split"], r["label"])
    by[key] = by.get(key, 0) + 1
print(len(rows), "rows;", ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in sorted(by.items())))

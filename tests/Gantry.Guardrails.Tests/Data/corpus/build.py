#!/usr/bin/env python3
"""Builds src/Gantry.Guardrails/Injection/Training/injection_corpus.jsonl: the per-family prompt-injection corpus.

Each row: {"text", "label": injection|benign, "family", "source", "split": train|test|legacy_heldout}.
Split by source: every family has training sources (a, b) and a test source (t) whose texts, payloads and
carriers were written separately, in another register, so the test split holds phrasings the model never saw.
The older hand-labelled set (../labelled_injection.jsonl) joins as source "legacy": its dev third trains, its
held-out third stays out of training (split legacy_heldout). Deterministic: same output on every run."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import benign, benign_more, direct, multilingual_b, indirect, multilingual, obfuscation  # noqa: E402

here = os.path.dirname(os.path.abspath(__file__))
rows, seen = [], set()
for module in (direct, multilingual, obfuscation, indirect, benign, benign_more, multilingual_b):
    for text, label, family, source in module.examples():
        if text in seen:
            continue
        seen.add(text)
        rows.append({"text": text, "label": label, "family": family, "source": source,
                     "split": "test" if source == "t" else "train"})
with open(os.path.join(here, "..", "labelled_injection.jsonl"), encoding="utf-8") as f:
    for line in f:
        old = json.loads(line)
        if old["text"] in seen:
            continue
        seen.add(old["text"])
        rows.append({"text": old["text"], "label": old["label"], "family": "legacy:" + old["category"],
                     "source": "legacy", "split": "train" if old["split"] == "dev" else "legacy_heldout"})
with open(os.path.join(here, "..", "..", "..", "..", "src", "Gantry.Guardrails", "Injection", "Training", "injection_corpus.jsonl"), "w", encoding="utf-8") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
by = {}
for r in rows:
    key = (r["split"], r["label"])
    by[key] = by.get(key, 0) + 1
print(len(rows), "rows;", ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in sorted(by.items())))

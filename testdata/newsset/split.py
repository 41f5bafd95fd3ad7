#!/usr/bin/env python3
"""Merge the annotated parts into dev.jsonl and test.jsonl: an article goes to
test when the SHA-1 of its URL, as a number, is divisible by 3 (docs/ANNOTATION.md §7)."""
import glob, hashlib, json, os, collections
here = os.path.dirname(os.path.abspath(__file__))
rows = []
for p in sorted(glob.glob(os.path.join(here, "parts", "*.jsonl"))):
    rows += [json.loads(l) for l in open(p, encoding="utf-8") if l.strip()]
seen, out = set(), {"dev": [], "test": []}
for r in rows:
    if r["url"] in seen:
        continue
    seen.add(r["url"])
    split = "test" if int(hashlib.sha1(r["url"].encode()).hexdigest(), 16) % 3 == 0 else "dev"
    out[split].append(r)
for k, v in out.items():
    v.sort(key=lambda r: r["id"])
    with open(os.path.join(here, k + ".jsonl"), "w", encoding="utf-8") as f:
        for r in v:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pubs = collections.Counter(r["publisher"] for r in v)
    print(k, len(v), "articles", sum(len(r["quotes"]) for r in v), "quotes", len(pubs), "publishers")

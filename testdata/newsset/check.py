#!/usr/bin/env python3
"""Validate a news-set JSONL file against docs/ANNOTATION.md (mechanical checks only)."""
import json, re, sys, unicodedata

KINDS = {"direct", "indirect", "mixed"}
ACTS = {"statement", "question", "directive", "belief", "evaluation", "other"}
TYPES = {"person", "organization", "group"}
MENTIONS = {"name", "pronoun", "descriptor", "none"}

def span_ok(text_b, sp, want, where):
    if sp is None:
        if want is not None:
            raise ValueError(f"{where}: span null but text {want!r}")
        return
    s, e = sp["start"], sp["end"]
    got = text_b[s:e].decode("utf-8")
    if got != want:
        raise ValueError(f"{where}: text[{s}:{e}] = {got!r}, want {want!r}")

def fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()

def named_in(name, text):
    """Whether the article names a speaker: the last word of each member of
    a joint name appears in the text (diacritics folded; a letter the page
    mangled, "Hern?ndez", matches any), or its initials as an acronym."""
    for member in re.split(r",\s*|\s+and\s+|\s+&\s+", name):
        words = member.replace("'s ", " ").split()
        if not words:
            continue
        last = words[-1]
        pat = "".join("." if ord(c) > 127 else re.escape(fold(c)) for c in last)
        if re.search(pat, fold(text)) or re.search(pat, text.lower()):
            continue
        initials = "".join(w[0] for w in words if w[0].isupper())
        if len(initials) > 1 and re.search(r"\b" + r"\.?".join(initials) + r"\b", text):
            continue  # an acronym the text uses ("U.N." for United Nations)
        return False
    return True

def main(path):
    bad = 0
    n_art = n_q = 0
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            for k in ("id", "url", "publisher", "licence", "date", "title", "text", "quotes"):
                if k not in d:
                    raise ValueError(f"missing {k}")
            tb = d["text"].encode("utf-8")
            last = -1
            for i, q in enumerate(d["quotes"]):
                w = f"quote {i}"
                span_ok(tb, q["content"], q["content_text"], w + " content")
                span_ok(tb, q.get("source"), q.get("source_text"), w + " source")
                span_ok(tb, q.get("cue"), q.get("cue_text"), w + " cue")
                if q["kind"] not in KINDS: raise ValueError(f"{w}: kind {q['kind']}")
                if q["act"] not in ACTS: raise ValueError(f"{w}: act {q['act']}")
                if q["speaker_type"] not in TYPES: raise ValueError(f"{w}: speaker_type")
                if q["mention"] not in MENTIONS: raise ValueError(f"{w}: mention")
                if not isinstance(q["anonymous"], bool): raise ValueError(f"{w}: anonymous")
                if not isinstance(q["continues"], bool): raise ValueError(f"{w}: continues")
                if not q["speaker"].strip(): raise ValueError(f"{w}: empty speaker")
                if not q["anonymous"] and not named_in(q["speaker"], d["text"] + " " + d["title"]):
                    raise ValueError(f"{w}: speaker {q['speaker']!r} is not named in the article: "
                                     "use the descriptor, anonymous (docs/ANNOTATION.md §4.2)")
                if q["continues"] and (q.get("source") or q.get("cue")):
                    raise ValueError(f"{w}: a continuation has no source or cue")
                if q["content"]["start"] < last: raise ValueError(f"{w}: not sorted by content start")
                last = q["content"]["start"]
            n_art += 1
            n_q += len(d["quotes"])
        except Exception as ex:
            bad += 1
            print(f"{path}:{ln}: {ex}")
    print(f"{path}: {n_art} articles, {n_q} quotes, {bad} bad")
    return bad

if __name__ == "__main__":
    sys.exit(1 if sum(main(p) for p in sys.argv[1:]) else 0)

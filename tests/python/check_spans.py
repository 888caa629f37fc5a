"""Checks every span of Postil's JSON Lines exports against the text they come with:
text[start:end] (Python str indices = code points) must be the annotated surface, for the five
fr-ai-geopolitics articles annotated after their emoji (corpus_fixture.py), where code point,
UTF-16 and byte offsets all differ.

Formats checked: jsonl, spacy, stance-jsonl, labelstudio (and doccano, whose offsets are UTF-16
units and are converted first; a record's unit is its "offset_unit" or its meta's); a format that does not exist yet or cannot be exported is skipped and
listed. Shapes understood, anywhere in a record: {"start": s, "end": e [, "text": t]} (also
start_offset/end_offset, start_char/end_char, begin/end), and [s, e, "LABEL"] triples. Token
lists ("tokens") are not spans and are ignored. A record's text is its "text" (or "data")
string; it must be a document's text or a part of one (e.g. a sentence).

For every span: 0 <= start < end <= len(text); text[start:end] equals the span's own "text" if
it has one; and (start, end), moved to document offsets, is one of the project's mention or
evidence spans. The plain jsonl export must also contain every mention.

Exit 0 if at least one format was checked and all passed; 77 (skipped) if none exists.
Usage: check_spans.py --postil BIN --corpus DIR --work DIR
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_fixture  # noqa: E402

FORMATS = ["jsonl", "spacy", "stance-jsonl", "doccano", "labelstudio"]
START_END = [("start", "end"), ("start_offset", "end_offset"), ("start_char", "end_char"), ("begin", "end")]


def utf16_to_cp(text, unit):
    """Code point index of a UTF-16 unit offset."""
    n = 0
    for i, c in enumerate(text):
        if n >= unit:
            return i
        n += 2 if ord(c) > 0xFFFF else 1
    return len(text)


def records_of(path):
    """JSON records of an export: JSON Lines, or one JSON document (array -> its elements)."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    try:
        whole = json.loads(data)
        return whole if isinstance(whole, list) else [whole]
    except ValueError:
        return [json.loads(line) for line in data.splitlines() if line.strip()]


def spans_in(node, path=""):
    """Yields (path, start, end, text_or_None) for every span-like value under node."""
    if isinstance(node, dict):
        for a, b in START_END:
            if isinstance(node.get(a), int) and isinstance(node.get(b), int) and not isinstance(node.get(a), bool):
                t = node.get("text")
                yield path, node[a], node[b], t if isinstance(t, str) else None
                break
        for k, v in node.items():
            if k in ("tokens", "token", "words"):
                continue
            yield from spans_in(v, path + "/" + k)
    elif isinstance(node, list):
        if (len(node) == 3 and all(isinstance(x, int) and not isinstance(x, bool) for x in node[:2])
                and isinstance(node[2], str)):
            yield path, node[0], node[1], None
            return
        for i, v in enumerate(node):
            yield from spans_in(v, "%s/%d" % (path, i))


def record_text(rec):
    for key in ("text", "data", "content"):
        v = rec.get(key)
        if isinstance(v, str):
            return v
        if isinstance(v, dict) and isinstance(v.get("text"), str):
            return v["text"]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--postil", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    project_path = os.path.join(a.work, "corpus.postil.json")
    project = corpus_fixture.write(a.corpus, project_path)
    texts = {d["id"]: d["text"] for d in project["documents"]}
    expected = {d: set() for d in texts}
    mention_spans = {d: set() for d in texts}
    for m in project["mentions"]:
        expected[m["doc"]].add((m["start"], m["end"]))
        mention_spans[m["doc"]].add((m["start"], m["end"]))
    for s in project["stances"]:
        if "evidence" in s:
            expected[s["doc"]].add(tuple(s["evidence"]))

    checked, skipped, failures = [], [], []
    for fmt in FORMATS:
        out = os.path.join(a.work, "out-" + fmt)
        r = subprocess.run([a.postil, "export", project_path, "--format", fmt, "-o", out], capture_output=True, text=True)
        if r.returncode != 0:
            if "unknown or import-only format" in r.stderr or "cannot be exported" in r.stderr:
                skipped.append(fmt)
                continue
            failures.append("%s: export exited %d: %s" % (fmt, r.returncode, r.stderr.strip()))
            continue
        files = [out] if os.path.isfile(out) else [os.path.join(dp, f) for dp, _, fs in os.walk(out) for f in fs
                                                   if f.endswith((".jsonl", ".json")) and not f.startswith("dataset_info")]
        n_spans, found = 0, {d: set() for d in texts}
        for path in files:
            for i, rec in enumerate(records_of(path)):
                if not isinstance(rec, dict):
                    continue
                text = record_text(rec)
                if text is None:
                    continue
                doc = next((d for d, t in texts.items() if t == text), None)
                base = 0
                if doc is None:
                    doc = next((d for d, t in texts.items() if text in t), None)
                    if doc is None:
                        failures.append("%s record %d: its text is not in any document" % (fmt, i))
                        continue
                    base = texts[doc].index(text)
                meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
                utf16 = rec.get("offset_unit", meta.get("offset_unit")) == "utf16"
                for where, s, e, own in spans_in(rec):
                    if utf16:
                        s, e = utf16_to_cp(text, s), utf16_to_cp(text, e)
                    n_spans += 1
                    label = "%s record %d%s [%d, %d)" % (fmt, i, where, s, e)
                    if not (0 <= s < e <= len(text)):
                        failures.append("%s: outside the text (%d code points)" % (label, len(text)))
                        continue
                    if own is not None and text[s:e] != own:
                        failures.append("%s: text[start:end] = %r but the span says %r" % (label, text[s:e], own))
                    if (s + base, e + base) not in expected[doc]:
                        failures.append("%s: %r is not an annotated span of %s" % (label, text[s:e], doc))
                    found[doc].add((s + base, e + base))
        if fmt == "jsonl":
            for d in texts:
                missing = mention_spans[d] - found[d]
                if missing:
                    s, e = sorted(missing)[0]
                    failures.append("jsonl: %d mentions of %s missing, e.g. [%d, %d) %r" % (len(missing), d, s, e, texts[d][s:e]))
        if n_spans == 0:
            failures.append("%s: no spans found in the export" % fmt)
        checked.append("%s (%d spans)" % (fmt, n_spans))

    for f in failures[:50]:
        print("FAIL:", f)
    print("checked: %s; not available: %s" % (", ".join(checked) or "none", ", ".join(skipped) or "none"))
    if failures:
        sys.exit(1)
    if not checked:
        print("SKIP: no JSONL-type export format available yet")
        sys.exit(77)
    print("ok")


if __name__ == "__main__":
    main()

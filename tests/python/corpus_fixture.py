"""Builds the annotated fr-ai-geopolitics test project (a Postil project file) with the
standard library only, so the Python checks and CLI tests share one independent fixture.

The five articles are read from ../shared/corpus/fr-ai-geopolitics. Mentions are every
whole-word occurrence of a list of entity names (Python str indices = code points), plus
mentions placed AFTER each article's emoji (01net, Google Actualités, The Guardian, 翻译 after
🔴; 🤩, SEO, refbax after 🤩 👨💻), where UTF-16 and code point offsets differ. Some names nest
("Amodei" inside "Dario Amodei", "DeepSeek" inside "DeepSeek V3"): IOB exports must drop the
inner ones and say so. Also span-level stances (one with evidence after the emoji) and
document-level stances, for the stance exports.

Usage: python3 corpus_fixture.py CORPUS_DIR OUT.postil.json
"""
import glob
import json
import os
import re
import sys

ENTITIES = [
    ("OpenAI", "ORG"), ("Chine", "GPE"), ("DeepSeek", "ORG"), ("Anthropic", "ORG"), ("Microsoft", "ORG"),
    ("Dario Amodei", "PER"), ("Amodei", "PER"), ("Howard Lutnick", "PER"), ("Lutnick", "PER"),
    ("États-Unis", "GPE"), ("Pékin", "GPE"), ("Nvidia", "ORG"), ("Shenzhen", "LOC"), ("Sam Altman", "PER"),
    ("Azure", "PRODUCT"), ("AWS", "ORG"), ("Claude 3.5 Sonnet", "PRODUCT"), ("DeepSeek V3", "PRODUCT"),
    ("Alibaba", "ORG"), ("Xi Jinping", "PER"), ("Trump", "PER"), ("Biden", "PER"),
]
# Surfaces after the emoji, annotated wherever they occur after it.
AFTER_EMOJI = [
    ("01net", "ORG"), ("Google Actualités", "PRODUCT"), ("WhatsApp", "PRODUCT"), ("The Guardian", "ORG"),
    ("翻译", "MISC"), ("🤩", "MISC"), ("SEO", "MISC"), ("refbax", "ORG"), ("webmarketing", "MISC"),
]


def normalize(raw):
    """What Postil's Text::from_bytes does: drop a BOM, CRLF and lone CR -> LF."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def first_emoji(text):
    for i, c in enumerate(text):
        if ord(c) >= 0x1F000:
            return i
    return None


def occurrences(text, surface):
    # Whole words: no letter, digit or hyphen on either side (an elision "d’" before is fine).
    pattern = r"(?<![\w\-])" + re.escape(surface) + r"(?![\w\-])"
    return [m.start() for m in re.finditer(pattern, text)]


def build(corpus_dir):
    paths = sorted(glob.glob(os.path.join(corpus_dir, "*.txt")))
    if len(paths) != 5:
        raise SystemExit("expected 5 articles in %s, found %d" % (corpus_dir, len(paths)))
    docs, mentions, stances, doc_stances = [], [], [], []
    n = 0

    def add(doc_id, start, surface, type_, annotator="alice"):
        nonlocal n
        n += 1
        mentions.append({"id": "m%d" % n, "doc": doc_id, "start": start, "end": start + len(surface),
                         "type": type_, "annotator": annotator})
        return "m%d" % n

    for path in paths:
        with open(path, encoding="utf-8", newline="") as f:
            text = normalize(f.read())
        doc_id = os.path.splitext(os.path.basename(path))[0]
        docs.append({"id": doc_id, "name": os.path.basename(path), "text": text, "status": "done"})
        for surface, type_ in ENTITIES:
            for start in occurrences(text, surface):
                add(doc_id, start, surface, type_)
        emoji = first_emoji(text)
        if emoji is not None:
            for surface, type_ in AFTER_EMOJI:
                at = text.find(surface, emoji)
                while at >= 0:
                    add(doc_id, at, surface, type_, "bob")
                    at = text.find(surface, at + len(surface))

    def find_mention(doc_id, surface):
        for m in mentions:
            text = next(d["text"] for d in docs if d["id"] == m["doc"])
            if m["doc"] == doc_id and text[m["start"]:m["end"]] == surface:
                return m
        raise SystemExit("fixture: no mention %r in %s" % (surface, doc_id))

    d001, d002, d003, d004 = docs[1]["id"], docs[2]["id"], docs[3]["id"], docs[4]["id"]
    guardian = find_mention(d001, "The Guardian")
    google = find_mention(d001, "Google Actualités")
    text001 = docs[1]["text"]
    ev = text001.find("Google Actualités et WhatsApp")
    stances.append({"id": "s1", "doc": d001, "holder": {"kind": "mention", "id": guardian["id"]},
                    "target": {"kind": "mention", "id": google["id"]}, "polarity": "NEUTRAL",
                    "evidence": [ev, ev + len("Google Actualités et WhatsApp")], "confidence": 0.5, "annotator": "alice"})
    amodei = find_mention(d003, "Dario Amodei")
    stances.append({"id": "s2", "doc": d003, "holder": {"kind": "mention", "id": amodei["id"]},
                    "target": {"kind": "target", "id": "us-export-controls"}, "polarity": "FAVOR",
                    "confidence": 1.0, "annotator": "alice"})
    refbax = find_mention(d004, "refbax")
    stances.append({"id": "s3", "doc": d004, "holder": {"kind": "mention", "id": refbax["id"]},
                    "target": {"kind": "target", "id": "china-ai-independence"}, "polarity": "AGAINST",
                    "confidence": 0.25, "annotator": "bob"})
    doc_stances.append({"id": "ds1", "doc": d003, "target": "us-export-controls", "polarity": "FAVOR", "annotator": "alice"})
    doc_stances.append({"id": "ds2", "doc": d002, "target": "china-ai-independence", "polarity": "NEUTRAL", "annotator": "alice"})
    doc_stances.append({"id": "ds3", "doc": d004, "target": "china-ai-independence", "polarity": "FAVOR", "annotator": "bob"})
    return {"format": "postil-project", "format_version": 1, "offset_unit": "codepoint",
            "name": "fr-ai-geopolitics (test fixture)", "documents": docs, "mentions": mentions,
            "entities": [], "stances": stances, "document_stances": doc_stances}


def write(corpus_dir, out_path):
    project = build(corpus_dir)
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(project, f, ensure_ascii=False, indent=1)
    return project


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    p = write(sys.argv[1], sys.argv[2])
    print("%d documents, %d mentions" % (len(p["documents"]), len(p["mentions"])))

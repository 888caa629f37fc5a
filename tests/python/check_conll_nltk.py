"""Reads Postil's IOB2 CoNLL export with an independent reader, NLTK's ConllCorpusReader, and
checks that it finds the project's entities: same documents, same types, same surfaces (token
text joined without spaces == mention text without spaces), in order, except the nested
mentions IOB cannot hold, which the export must drop and report ("N overlapping mentions
dropped (outermost kept)").

The project is the annotated fr-ai-geopolitics fixture (corpus_fixture.py); its mentions are
read back through the CLI's JSON output (postil export --format postil -o -), so what is
compared is what the CLI loaded, not what the fixture meant to write.

Run with Debian's /usr/bin/python3 (python3-nltk); exits 77 (skipped) if NLTK is missing.
Usage: check_conll_nltk.py --postil BIN --corpus DIR --work DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_fixture  # noqa: E402

try:
    from nltk.corpus.reader.conll import ConllCorpusReader
except ImportError:
    print("SKIP: NLTK not installed (apt-get install python3-nltk)")
    sys.exit(77)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("FAIL: %s exited %d\n%s" % (" ".join(cmd), r.returncode, r.stderr))
    return r


def outermost(mentions):
    """The mentions an IOB export keeps: longest first, then earliest; skip any overlapping a kept one."""
    kept = []
    for m in sorted(mentions, key=lambda m: (-(m["end"] - m["start"]), m["start"])):
        if all(m["end"] <= k["start"] or m["start"] >= k["end"] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m["start"]), len(mentions) - len(kept)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--postil", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    project_path = os.path.join(a.work, "corpus.postil.json")
    corpus_fixture.write(a.corpus, project_path)

    conll_path = os.path.join(a.work, "corpus.iob2.conll")
    r = run([a.postil, "export", project_path, "--format", "conll", "--scheme", "iob2", "-o", conll_path])
    project = json.loads(run([a.postil, "export", project_path, "--format", "postil", "-o", "-"]).stdout)

    # Expected: per document (project order), the outermost mentions.
    expected, dropped_total = [], 0
    for d in project["documents"]:
        ms = [m for m in project["mentions"] if m["doc"] == d["id"]]
        kept, dropped = outermost(ms)
        dropped_total += dropped
        expected.append([(m["type"], re.sub(r"\s+", "", d["text"][m["start"]:m["end"]])) for m in kept])
    want_loss = "%d overlapping mentions dropped (outermost kept)" % dropped_total
    if dropped_total and want_loss not in r.stderr:
        sys.exit("FAIL: export did not report %r; stderr:\n%s" % (want_loss, r.stderr))
    if "snapped" in r.stderr:
        sys.exit("FAIL: fixture mentions should align with tokens; stderr:\n%s" % r.stderr)

    # NLTK: 4 columns token, POS (-X-), ignored (_), IOB tag read as 'chunk'.
    reader = ConllCorpusReader(a.work, [os.path.basename(conll_path)],
                               columntypes=("words", "pos", "ignore", "chunk"), encoding="utf-8")
    found, doc = [], None
    sentences = 0
    for sent in reader.iob_sents():
        # NLTK strips a block's "-DOCSTART-" line, leaving an empty sentence: a new document.
        if not sent or sent[0][0] == "-DOCSTART-":
            doc = []
            found.append(doc)
            continue
        if doc is None:
            sys.exit("FAIL: tokens before the first -DOCSTART-")
        sentences += 1
        current = None
        for word, _pos, tag in sent:
            if " " in word or "\u00a0" in word:
                sys.exit("FAIL: token with a space: %r" % word)
            if tag.startswith("B-"):
                current = [tag[2:], word]
                doc.append(current)
            elif tag.startswith("I-"):
                if current is None or current[0] != tag[2:]:
                    sys.exit("FAIL: I- tag without B- (not IOB2): %r %r" % (word, tag))
                current[1] += word
            else:
                if tag != "O":
                    sys.exit("FAIL: unexpected tag %r" % tag)
                current = None
        # A chunk never runs across a sentence break.
        current = None
    found = [[tuple(c) for c in d] for d in found]

    if len(found) != len(expected):
        sys.exit("FAIL: %d documents in the CoNLL file, %d in the project" % (len(found), len(expected)))
    total = 0
    for i, (f, e) in enumerate(zip(found, expected)):
        if f != e:
            for k, (x, y) in enumerate(zip(f, e)):
                if x != y:
                    sys.exit("FAIL: document %d, entity %d: NLTK read %r, project has %r" % (i, k, x, y))
            sys.exit("FAIL: document %d: NLTK read %d entities, project has %d" % (i, len(f), len(e)))
        total += len(f)
    print("ok: NLTK read %d documents, %d sentences, %d entities identical to the project's "
          "(%d nested mentions dropped and reported)" % (len(found), sentences, total, dropped_total))


if __name__ == "__main__":
    main()

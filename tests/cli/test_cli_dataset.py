"""CLI tests for the dataset verbs: export, convert, stats, split.

Runs the real binary on the annotated fr-ai-geopolitics fixture (tests/python/corpus_fixture.py)
and on real files from other projects (../shared/external): help texts, exit codes (0 ok,
1 bad input, 2 usage), stdout/stderr discipline ('-' outputs, losses and summaries on stderr,
no progress bar when stderr is not a terminal), folder outputs with a dataset card,
deterministic splits, conversions between formats and back.

Standard library only. Usage: test_cli_dataset.py --postil BIN --shared DIR --work DIR
Prints 'N passed, N failed'; exits 1 on any failure, 77 if ../shared is missing.
"""
import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "python"))
import corpus_fixture  # noqa: E402

passed, failed = 0, 0


def check(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL: %s%s" % (what, ("\n    " + detail.strip().replace("\n", "\n    ")) if detail else ""))


def run(args, stdin=None):
    r = subprocess.run([POSTIL] + args, input=stdin, capture_output=True)
    r.out = r.stdout.decode("utf-8", "replace")
    r.err = r.stderr.decode("utf-8", "replace")
    return r


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def main():
    global POSTIL
    ap = argparse.ArgumentParser()
    ap.add_argument("--postil", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    POSTIL = a.postil
    corpus = os.path.join(a.shared, "corpus", "fr-ai-geopolitics")
    ext = os.path.join(a.shared, "external")
    if not os.path.isdir(corpus) or not os.path.isdir(ext):
        print("SKIP: %s not found" % a.shared)
        sys.exit(77)
    w = a.work
    shutil.rmtree(w, ignore_errors=True)
    os.makedirs(w)
    proj = os.path.join(w, "corpus.postil.json")
    corpus_fixture.write(corpus, proj)

    # [SECTION] help and usage errors
    for verb in ("export", "convert", "stats", "split"):
        r = run([verb, "--help"])
        check(r.returncode == 0 and "Usage: postil " + verb in r.out and "Example" in r.out, verb + " --help")
    r = run(["--help"])
    check(all(v in r.out for v in ("export", "convert", "stats", "split")), "postil --help lists the verbs")
    for args in (["export"], ["export", proj, "-o", "x"], ["export", proj, "--format", "nope", "-o", "x"],
                 ["export", proj, "--format", "conll", "-o", "x", "--scheme", "iob3"],
                 ["export", proj, "--format", "conll", "-o", "x", "--seed", "1"],
                 ["split", proj, "-o", os.path.join(w, "s"), "--train", "0.9", "--dev", "0.2"],
                 ["split", proj, "-o", os.path.join(w, "s"), "--seed", "-3"],
                 ["convert", "x.conll", "--to", "conll"], ["convert", "x.conll", "-o", "-"], ["stats"]):
        r = run(args)
        check(r.returncode == 2 and "Try 'postil" in r.err, "usage error exit 2: " + " ".join(args[:1] + args[2:]), r.err)

    # [SECTION] bad input
    r = run(["export", os.path.join(w, "missing.json"), "--format", "conll", "-o", "-"])
    check(r.returncode == 1 and "missing.json" in r.err, "missing project: exit 1 naming it", r.err)
    invalid = os.path.join(ext, "doccano/data_import-tests/sequence_labeling/labeling.invalid.conll")
    out = os.path.join(w, "invalid.hf")
    r = run(["convert", invalid, "--from", "conll", "--to", "hf", "-o", out])
    check(r.returncode == 1 and "labeling.invalid.conll:1: expected 2 TAB-separated columns (TOKEN TAG)" in r.err,
          "labeling.invalid.conll refused at line 1", r.err)
    check(not os.path.exists(out), "nothing written for a refused input")
    r = run(["convert", invalid, "--from", "conll", "--to", "conll", "-o", "-", "--skip-bad"])
    check(r.returncode == 0 and "skipped:" in r.err and ":1:" in r.err and "B-LOC" in r.out, "--skip-bad imports the rest", r.err)
    r = run(["convert", os.path.join(ext, "stance/x-stance/train.jsonl"), "--from", "stance-semeval", "--to", "stance-csv", "-o", "-"])
    check(r.returncode == 1 and "--from stance-jsonl" in r.err, "X-Stance JSONL refused by stance-semeval with a hint", r.err)

    # [SECTION] export to stdout, losses on stderr, no progress bar off a terminal
    r = run(["export", proj, "--format", "conll", "-o", "-"])
    check(r.returncode == 0 and r.out.startswith("-DOCSTART- -X- -X- O\n\n"), "conll to stdout", r.err)
    check("not kept: 4 overlapping mentions dropped (outermost kept)" in r.err, "losses reported on stderr", r.err)
    check("\r" not in r.err, "no progress bar when stderr is not a terminal")
    check("wrote 5 documents, 202 mentions" in r.err, "summary on stderr", r.err)
    r = run(["export", proj, "--format", "conll", "--strict", "-o", os.path.join(w, "strict.conll")])
    check(r.returncode == 1 and "refused (--strict)" in r.err and "overlaps mention" in r.err, "--strict refuses", r.err)
    check(not os.path.exists(os.path.join(w, "strict.conll")), "--strict writes nothing")
    r = run(["export", "-", "--format", "stance-semeval", "-o", "-"], stdin=open(proj, "rb").read())
    check(r.returncode == 0 and r.out.startswith("ID\tTarget\tTweet\tStance\n") and r.out.count("\n") >= 4,
          "project from stdin, TSV to stdout", r.err)
    r = run(["export", proj, "--format", "conll", "--annotator", "bob", "--doc", "001_ea5ff2679fed1bd6", "-o", "-"])
    check(r.returncode == 0 and r.out.count("-DOCSTART-") == 1 and "B-PRODUCT" in r.out and "B-GPE" not in r.out,
          "--annotator and --doc filter", r.err)

    # [SECTION] multi-file format: folder with card
    hf = os.path.join(w, "hf")
    r = run(["export", proj, "--format", "hf", "-o", hf])
    check(r.returncode == 0 and all(os.path.isfile(os.path.join(hf, f)) for f in
                                    ("data.jsonl", "labels.txt", "dataset_info.json", "README.md")), "hf folder", r.err)
    r = run(["export", proj, "--format", "hf", "-o", "-"])
    check(r.returncode == 2 and "give -o FOLDER" in r.err, "multi-file format to stdout is a usage error", r.err)
    if os.path.isfile(os.path.join(hf, "labels.txt")):
        names = [l for l in read(os.path.join(hf, "labels.txt")).split("\n") if l]
        info = json.loads(read(os.path.join(hf, "dataset_info.json")))
        check(info["features"]["ner_tags"]["feature"]["names"] == names and names[0] == "O", "ClassLabel names agree")
        rows = [json.loads(l) for l in read(os.path.join(hf, "data.jsonl")).splitlines()]
        check(all(len(x["tokens"]) == len(x["ner_tags"]) and max(x["ner_tags"] or [0]) < len(names) for x in rows),
              "hf rows: one tag index per token, in range")
        card = read(os.path.join(hf, "README.md"))
        check("## Schema" in card and "| Offsets | token" in card and "overlapping mentions dropped" in card, "dataset card", card[:400])

    # [SECTION] export --split: deterministic, card with split tables
    outs = []
    for k in (1, 2):
        d = os.path.join(w, "split-conll-%d" % k)
        r = run(["export", proj, "--format", "conll", "--split", "--train", "0.6", "--dev", "0.2", "--test", "0.2",
                 "--seed", "7", "-o", d])
        check(r.returncode == 0 and "split 3/1/1 documents" in r.err, "export --split", r.err)
        outs.append(d)
    files = ["train.conll", "dev.conll", "test.conll", "README.md"]
    check(all(os.path.isfile(os.path.join(outs[0], f)) for f in files), "split files written")
    match, mismatch, errors = filecmp.cmpfiles(outs[0], outs[1], files, shallow=False)
    check(match == files, "same seed, same bytes", str(mismatch + errors))
    card = read(os.path.join(outs[0], "README.md"))
    check("## Splits" in card and "seed 7" in card and "### Mentions per label and split" in card, "split card")

    # [SECTION] split verb: three project files that validate, all documents once
    sd = os.path.join(w, "splits")
    r = run(["split", proj, "--seed", "3", "-o", sd])
    check(r.returncode == 0, "split", r.err)
    ids = []
    for part in ("train", "dev", "test"):
        path = os.path.join(sd, part + ".postil.json")
        v = run(["validate", path])
        check(v.returncode == 0, "split part validates: " + part, v.err + v.out)
        if os.path.isfile(path):
            ids += [d["id"] for d in json.loads(read(path))["documents"]]
    check(sorted(ids) == sorted(d["id"] for d in json.loads(read(proj))["documents"]), "every document in one split")
    check(os.path.isfile(os.path.join(sd, "README.md")), "split card")

    # [SECTION] stats
    r = run(["stats", proj, "--json"])
    try:
        j = json.loads(r.out)
        check(j["totals"]["mentions"] == 206 and j["totals"]["documents"] == 5 and j["labels"][0]["label"] == "PER",
              "stats --json")
    except ValueError:
        check(False, "stats --json is JSON", r.out[:200])
    r = run(["stats", proj])
    check(r.returncode == 0 and "206 mentions" in r.out and "document stances:" in r.out, "stats text", r.out[:300])

    # [SECTION] conversions: conll -> hf -> conll keeps tokens and tags; stdin; TweetEval; guessing
    wnut = os.path.join(ext, "conll/hf-datasets/wnut_17/wnut17train.conll")
    direct = run(["convert", wnut, "--to", "conll", "-o", "-"])
    check(direct.returncode == 0 and "reading as conll (guessed" in direct.err, "format guessed", direct.err)
    hf2 = os.path.join(w, "wnut-hf")
    r = run(["convert", wnut, "--from", "conll", "--to", "hf", "-o", hf2])
    check(r.returncode == 0, "conll -> hf", r.err)
    back = run(["convert", os.path.join(hf2, "data.jsonl"), os.path.join(hf2, "labels.txt"), "--from", "hf", "--to", "conll", "-o", "-"])
    check(back.returncode == 0 and back.out == direct.out, "conll -> hf -> conll == conll -> conll", back.err)
    piped = run(["convert", "-", "--from", "conll", "--to", "conll", "-o", "-"], stdin=open(wnut, "rb").read())
    check(piped.returncode == 0 and piped.out == direct.out, "stdin input")
    check("Empire -X- _ B-location\nState -X- _ I-location\nBuilding -X- _ I-location\n" in direct.out, "wnut entity kept")
    tw = os.path.join(ext, "stance/semeval2016-tweeteval-climate")
    r = run(["convert", tw, "--from", "stance-semeval", "--to", "stance-csv", "-o", os.path.join(w, "climate.csv")])
    check(r.returncode == 0 and "15 document stances" in r.err, "TweetEval folder -> stance-csv", r.err)
    r = run(["convert", os.path.join(w, "climate.csv"), "--to", "stance-semeval", "-o", "-"])
    check(r.returncode == 0 and r.out.count("\tClimate Change is a Real Concern\t") == 15, "stance-csv -> stance-semeval", r.err)
    r = run(["convert", proj, "--to", "hf", "--split", "--seed", "1", "-o", os.path.join(w, "conv-split")])
    check(r.returncode == 0 and os.path.isfile(os.path.join(w, "conv-split", "train", "data.jsonl")), "convert --split, multi-file", r.err)

    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

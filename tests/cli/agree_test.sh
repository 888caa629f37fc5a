#!/bin/sh
# CLI test for `postil agree`: the three published worked examples as unit,annotator,label CSV
# (Krippendorff 2011, Cohen's 2x2 example, Fleiss 1971) checked to three decimals from --json;
# two annotators' project files (one unnamed -> file stem) compared directly, merged, through a
# JSONL export and in any argument order; exit codes 0 ok / 1 bad input / 2 usage; CSV errors
# as file:line:column. Also the gold default of `postil export` / `postil split` and the
# agreement paragraph in the dataset card.
# Usage: agree_test.sh PATH/TO/postil [WORKDIR] [PYTHON3]   (WORKDIR: a fresh temporary folder)
set -u
POSTIL=${1:?usage: agree_test.sh PATH/TO/postil [WORKDIR] [PYTHON3]}
case $POSTIL in /*) ;; *) POSTIL=$(pwd)/$POSTIL ;; esac # the test runs inside WORK
WORK=${2:-}
PY=${3:-/usr/bin/python3}
. "$(cd "$(dirname "$0")" && pwd)/test_lib.sh" # WORK, fail, expect, finish
# check FILE.json PATH EXPECTED: the number at PATH (dot-separated keys / list indices) rounded
# to three decimals equals EXPECTED ("null" for an undefined value).
check() {
    "$PY" - "$@" <<'PY' || fail "$1: $2 (see above)"
import json, sys
path, keys, want = sys.argv[1], sys.argv[2], sys.argv[3]
v = json.load(open(path, encoding="utf-8"))
for k in keys.split("."):
    v = v[int(k)] if isinstance(v, list) else v[k]
got = "null" if v is None else ("%.3f" % v if isinstance(v, float) else str(v))
if got != want:
    print("%s: %s = %s, expected %s" % (path, keys, got, want), file=sys.stderr)
    sys.exit(1)
PY
}

# [SECTION] Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers x 12
# units, '.' = missing. Missing values appear both as empty cells and as absent rows.
"$PY" - <<'PY'
rows = {"A": "1 2 3 3 2 1 4 1 2 . . .", "B": "1 2 3 3 2 2 4 1 2 5 . 3",
        "C": ". 3 3 3 2 3 4 2 2 5 1 .", "D": "1 2 3 3 2 4 4 1 2 5 1 ."}
with open("kripp.csv", "w") as f:
    f.write("unit,annotator,label\n")
    for who, values in rows.items():
        for u, v in enumerate(values.split(), 1):
            if v != ".":
                f.write("u%d,%s,%s\n" % (u, who, v))
            elif who == "C":
                f.write("u%d,%s,\n" % (u, who))   # empty cell
            elif who == "B":
                f.write("u%d,%s\n" % (u, who))    # missing cell
# Cohen: 50 items, both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
with open("cohen.csv", "w") as f:
    f.write("annotator,unit,label\n")             # columns in any order
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    for i, (a, b) in enumerate(pairs):
        f.write("A,item%d,%s\nB,item%d,%s\n" % (i, a, i, b))
# Fleiss (1971): 10 subjects x 14 raters, counts per category 1..5.
counts = ["0 0 0 0 14", "0 2 6 4 2", "0 0 3 5 6", "0 3 9 2 0", "2 2 8 1 1",
          "7 7 0 0 0", "3 2 6 3 0", "2 5 3 2 2", "6 5 2 1 0", "0 2 2 3 7"]
with open("fleiss.csv", "w") as f:
    f.write("unit,annotator,label\n")
    for s, row in enumerate(counts, 1):
        rater = 0
        for cat, n in enumerate(row.split(), 1):
            for _ in range(int(n)):
                rater += 1
                f.write("s%d,r%d,%d\n" % (s, rater, cat))
PY
[ -s kripp.csv ] && [ -s cohen.csv ] && [ -s fleiss.csv ] || fail "could not write the CSV files"

expect 0 "$POSTIL" agree --table kripp.csv --json
cp out.txt kripp.json
check kripp.json krippendorff_alpha_nominal.value 0.743
check kripp.json krippendorff_alpha_interval.value 0.849
check kripp.json krippendorff_alpha.value 0.743
check kripp.json metric nominal
check kripp.json annotators 4
check kripp.json units 12
expect 0 "$POSTIL" agree --table kripp.csv --json --metric interval
cp out.txt kripp_i.json
check kripp_i.json krippendorff_alpha.value 0.849
expect 0 "$POSTIL" agree --table kripp.csv --metric interval
grep -q "Krippendorff alpha (interval): 0.849" out.txt || fail "text headline: $(cat out.txt)"
grep -q "Fleiss kappa" out.txt || fail "text table has no Fleiss kappa: $(cat out.txt)"

expect 0 "$POSTIL" agree --table cohen.csv --json
cp out.txt cohen.json
check cohen.json cohen_kappa.value 0.400
check cohen.json pairs.0.cohen_kappa.value 0.400
check cohen.json percent_agreement.value 0.700
check cohen.json units 50
# Read from stdin too.
"$POSTIL" agree --table - --json < cohen.csv > stdin.json || fail "--table - failed"
check stdin.json cohen_kappa.value 0.400

expect 0 "$POSTIL" agree --table fleiss.csv --json
cp out.txt fleiss.json
check fleiss.json fleiss_kappa.value 0.210
check fleiss.json annotators 14

# --annotators on a table: A and D of Krippendorff's data.
expect 0 "$POSTIL" agree --table kripp.csv --annotators A,D --json
cp out.txt kripp_ad.json
check kripp_ad.json annotators 2

# [SECTION] CSV errors: file:line:column, exit 1
printf 'unit,annotator,label\nu1,a,x\nu1,b,"y\n' > unterminated.csv
expect 1 "$POSTIL" agree --table unterminated.csv
grep -Eq '^unterminated\.csv:3:[0-9]+: ' err.txt || fail "no file:line:column: $(cat err.txt)"
printf 'unit,annotator,label\nu1,a,x\nu1,b,y\nu1,a,z\n' > conflict.csv
expect 1 "$POSTIL" agree --table conflict.csv
grep -Eq '^conflict\.csv:4:[0-9]+: ' err.txt || fail "conflicting value not at line 4: $(cat err.txt)"
printf 'unit,who,label\nu1,a,x\n' > header.csv
expect 1 "$POSTIL" agree --table header.csv
grep -Eq '^header\.csv:1:[0-9]+: ' err.txt || fail "missing column not reported at line 1: $(cat err.txt)"
printf 'unit,annotator,label\nu1,a,x\nu2,a,y\n' > single.csv
expect 1 "$POSTIL" agree --table single.csv
expect 1 "$POSTIL" agree --table no-such-file.csv
expect 1 "$POSTIL" agree --table kripp.csv --annotators A,Zed

# [SECTION] projects: alice names her annotations, bob's copy has none (-> "bob" from the file
# name). Mentions: m1, m2 identical; m3 another type; m4 wider (overlap only); m5 only alice.
cat > alice.postil.json <<'JSON'
{"format": "postil-project", "format_version": 1, "name": "demo",
 "documents": [{"id": "a", "text": "Nvidia vend des puces à la Chine malgré Washington.\n"},
               {"id": "b", "text": "Huawei répond avec ses puces Ascend.\n"}],
 "mentions": [{"id": "m1", "doc": "a", "start": 0, "end": 6, "type": "ORG", "annotator": "alice"},
              {"id": "m2", "doc": "a", "start": 27, "end": 32, "type": "GPE", "annotator": "alice"},
              {"id": "m3", "doc": "a", "start": 40, "end": 50, "type": "GPE", "annotator": "alice"},
              {"id": "m4", "doc": "b", "start": 0, "end": 6, "type": "ORG", "annotator": "alice"},
              {"id": "m5", "doc": "b", "start": 29, "end": 35, "type": "PRODUCT", "annotator": "alice"}],
 "stances": [{"id": "s1", "doc": "a", "holder": {"kind": "mention", "id": "m1"},
              "target": {"kind": "target", "id": "us-export-controls"}, "polarity": "AGAINST", "annotator": "alice"}],
 "document_stances": [{"id": "ds1", "doc": "a", "target": "us-export-controls", "polarity": "AGAINST", "annotator": "alice"},
                      {"id": "ds2", "doc": "a", "target": "china-ai-independence", "polarity": "FAVOR", "annotator": "alice"},
                      {"id": "ds3", "doc": "b", "target": "us-export-controls", "polarity": "NEUTRAL", "annotator": "alice"},
                      {"id": "ds4", "doc": "b", "target": "china-ai-independence", "polarity": "FAVOR", "annotator": "alice"}]}
JSON
"$PY" - <<'PY'
import json
p = json.load(open("alice.postil.json", encoding="utf-8"))
p["name"] = "bob's copy"
for rec in p["mentions"] + p["stances"] + p["document_stances"]:
    del rec["annotator"]
m = {x["id"]: x for x in p["mentions"]}
m["m3"]["type"] = "LOC"
m["m4"]["end"] = 13
p["mentions"] = [x for x in p["mentions"] if x["id"] != "m5"]
p["stances"][0]["polarity"] = "FAVOR"
p["document_stances"][2]["polarity"] = "AGAINST"
json.dump(p, open("bob.postil.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
expect 0 "$POSTIL" validate bob.postil.json

expect 0 "$POSTIL" agree alice.postil.json bob.postil.json --json
cp out.txt pair.json
check pair.json annotators.0 alice
check pair.json annotators.1 bob
check pair.json documents 2
check pair.json mentions.exact.count_a 5
check pair.json mentions.exact.count_b 4
check pair.json mentions.exact.precision 0.500
check pair.json mentions.exact.recall 0.400
check pair.json mentions.exact.f1 0.444
check pair.json mentions.overlap.precision 0.750
check pair.json mentions.overlap.recall 0.600
check pair.json mentions.overlap.f1 0.667
check pair.json mentions.pairs.0.a alice
check pair.json stances.units 1
check pair.json stances.pairs.0.percent_agreement.value 0.000
check pair.json doc_stances.units 4
check pair.json doc_stances.pairs.0.percent_agreement.value 0.750
check pair.json doc_stances.pairs.0.cohen_kappa.value 0.600

# Argument order does not matter; a merged project gives the same report.
expect 0 "$POSTIL" agree bob.postil.json alice.postil.json --json
cmp -s out.txt pair.json || fail "argument order changed the report"
expect 0 "$POSTIL" merge alice.postil.json bob.postil.json -o team.postil.json --quiet
expect 0 "$POSTIL" agree team.postil.json --json
cmp -s out.txt pair.json || fail "the merged project gives another report"

# An export as input: alice's JSONL (annotator names kept in the file) against bob's project.
expect 0 "$POSTIL" export alice.postil.json --format jsonl -o alice.jsonl
expect 0 "$POSTIL" agree alice.jsonl bob.postil.json --json
cp out.txt jsonl.json
check jsonl.json annotators.0 alice
check jsonl.json mentions.exact.f1 0.444
check jsonl.json mentions.overlap.f1 0.667

# Filters and the text report.
expect 0 "$POSTIL" agree team.postil.json --documents a --json
cp out.txt doc_a.json
check doc_a.json documents 1
check doc_a.json mentions.exact.count_a 3
check doc_a.json mentions.exact.f1 0.667
expect 0 "$POSTIL" agree team.postil.json --annotators bob,alice --json
cp out.txt swapped.json
check swapped.json mentions.pairs.0.a bob
check swapped.json mentions.exact.recall 0.500
expect 0 "$POSTIL" agree alice.postil.json bob.postil.json
grep -q "Agreement between 2 annotators (alice, bob) over 2 documents" out.txt || fail "text report: $(cat out.txt)"
grep -q "Document stances" out.txt || fail "text report has no document stances"

# [SECTION] errors: bad input 1, usage 2
expect 1 "$POSTIL" agree alice.postil.json                         # one layer only
grep -q "at least two annotator layers" err.txt || fail "one-layer message: $(cat err.txt)"
expect 1 "$POSTIL" agree team.postil.json --annotators alice,zoe
grep -q "zoe" err.txt || fail "unknown layer not named: $(cat err.txt)"
expect 1 "$POSTIL" agree team.postil.json --documents zz
expect 1 "$POSTIL" agree alice.postil.json missing.json
echo '{"format": "postil-project", "format_version": 1, "documents": [' > broken.json
expect 1 "$POSTIL" agree alice.postil.json broken.json
expect 2 "$POSTIL" agree
expect 2 "$POSTIL" agree team.postil.json --metric interval
expect 2 "$POSTIL" agree --table kripp.csv --metric ordinal
expect 2 "$POSTIL" agree --table kripp.csv team.postil.json
expect 2 "$POSTIL" agree --table kripp.csv --documents a
expect 2 "$POSTIL" agree team.postil.json --format no-such-format
expect 2 "$POSTIL" agree - - < alice.postil.json
expect 0 "$POSTIL" agree --help
grep -q "Examples" out.txt || fail "--help has no examples"
grep -q "\-\-table" out.txt || fail "--help does not mention --table"

# [SECTION] gold by default in exports, and the card's agreement paragraph
"$PY" - <<'PY'
import json
p = json.load(open("team.postil.json", encoding="utf-8"))
gold = [dict(m, id="g" + m["id"], annotator="gold") for m in p["mentions"] if m["annotator"] == "alice"]
p["mentions"] += gold
json.dump(p, open("gold.postil.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
expect 0 "$POSTIL" validate gold.postil.json
layers_of() {
    "$PY" - "$1" <<'PY'
import json, sys
who = set()
def walk(v):
    if isinstance(v, dict):
        if "annotator" in v and ("start" in v or "polarity" in v):
            who.add(v["annotator"])
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        walk(json.loads(line))
print(",".join(sorted(who)))
PY
}
expect 0 "$POSTIL" export gold.postil.json --format jsonl -o gold.jsonl
[ "$(layers_of gold.jsonl)" = "gold" ] || fail "default export is not the gold layer: $(layers_of gold.jsonl)"
grep -q "gold" err.txt || fail "the default gold export is not announced: $(cat err.txt)"
expect 0 "$POSTIL" export gold.postil.json --format jsonl --annotator '*' -o all.jsonl
[ "$(layers_of all.jsonl)" = "alice,bob,gold" ] || fail "--annotator '*' did not export every layer: $(layers_of all.jsonl)"
expect 0 "$POSTIL" export gold.postil.json --format jsonl --annotator bob -o bob.jsonl
[ "$(layers_of bob.jsonl)" = "bob" ] || fail "--annotator bob: $(layers_of bob.jsonl)"
expect 0 "$POSTIL" export team.postil.json --format jsonl -o nogold.jsonl
[ "$(layers_of nogold.jsonl)" = "alice,bob" ] || fail "no gold: every layer expected, got $(layers_of nogold.jsonl)"
expect 0 "$POSTIL" export --help
grep -q "'\*' = every layer" out.txt || fail "export --help does not document --annotator '*'"

expect 0 "$POSTIL" split gold.postil.json -o splits --seed 1
grep -q "adjudicated from 2 annotators' layers (\`alice\`, \`bob\`)" splits/README.md || fail "card: $(cat splits/README.md)"
grep -q "Mentions, exact match F1 | 0.444" splits/README.md || fail "card has no exact F1: $(cat splits/README.md)"
grep -q "only \`gold\`" splits/README.md || fail "card does not say the gold layer was exported"
expect 0 "$POSTIL" export team.postil.json --format jsonl --split --seed 1 -o hf-split
grep -q "Agreement between the 2 annotators' layers" hf-split/README.md || fail "card (no gold): $(cat hf-split/README.md)"
expect 0 "$POSTIL" split alice.postil.json -o splits-one --seed 1
grep -q "not computed" splits-one/README.md || fail "one layer: the card should say agreement was not computed"

finish
echo "agree_test: ok"

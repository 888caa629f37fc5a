#!/bin/sh
# CLI test for `postil merge` (and `postil layers`): per-annotator project files -> one
# multi-layer project; byte-identical output for the same inputs in any argument order; exit
# codes 0 ok / 1 bad input / 2 usage; nothing written when an input is bad.
# Usage: merge_test.sh PATH/TO/postil [WORKDIR]   (WORKDIR defaults to a fresh temporary folder)
set -u
POSTIL=${1:?usage: merge_test.sh PATH/TO/postil [WORKDIR]}
case $POSTIL in /*) ;; *) POSTIL=$(pwd)/$POSTIL ;; esac # the test runs inside WORK
WORK=${2:-}
. "$(cd "$(dirname "$0")" && pwd)/test_lib.sh" # WORK, fail, expect, finish

# [SECTION] inputs: alice names her annotations; bob's file has none and calls document "a"
# "bob-a" (same text); carol adds a layer and a document nobody else has.
cat > alice.postil.json <<'JSON'
{"format": "postil-project", "format_version": 1, "name": "team",
 "documents": [{"id": "a", "text": "Nvidia vend des puces à la Chine.\n"},
               {"id": "b", "text": "Huawei répond avec Ascend.\n"}],
 "mentions": [{"id": "m1", "doc": "a", "start": 0, "end": 6, "type": "ORG", "annotator": "alice"},
              {"id": "m2", "doc": "b", "start": 0, "end": 6, "type": "ORG", "annotator": "alice"}],
 "stances": [{"id": "s1", "doc": "a", "holder": {"kind": "mention", "id": "m1"},
              "target": {"kind": "target", "id": "us-export-controls"}, "polarity": "AGAINST", "annotator": "alice"}]}
JSON
cat > bob.postil.json <<'JSON'
{"format": "postil-project", "format_version": 1, "name": "bob's copy",
 "documents": [{"id": "bob-a", "text": "Nvidia vend des puces à la Chine.\n"},
               {"id": "b", "text": "Huawei répond avec Ascend.\n"}],
 "mentions": [{"id": "m1", "doc": "bob-a", "start": 0, "end": 6, "type": "ORG"},
              {"id": "m2", "doc": "bob-a", "start": 27, "end": 32, "type": "GPE"},
              {"id": "m3", "doc": "b", "start": 19, "end": 25, "type": "PRODUCT"}],
 "stances": [{"id": "s1", "doc": "bob-a", "holder": {"kind": "mention", "id": "m1"},
              "target": {"kind": "target", "id": "us-export-controls"}, "polarity": "FAVOR"}]}
JSON
cat > carol.postil.json <<'JSON'
{"format": "postil-project", "format_version": 1, "name": "carol",
 "documents": [{"id": "a", "text": "Nvidia vend des puces à la Chine.\n"},
               {"id": "c", "text": "Seule Carol a ce texte.\n"}],
 "mentions": [{"id": "m1", "doc": "a", "start": 0, "end": 6, "type": "ORG", "annotator": "carol"},
              {"id": "m9", "doc": "c", "start": 6, "end": 11, "type": "PER", "annotator": "carol"}]}
JSON

# [SECTION] determinism
expect 0 "$POSTIL" merge alice.postil.json bob.postil.json carol.postil.json -o m1.json
expect 0 "$POSTIL" merge carol.postil.json bob.postil.json alice.postil.json -o m2.json
cmp -s m1.json m2.json || fail "argument order changed the output"
expect 0 "$POSTIL" merge bob.postil.json alice.postil.json carol.postil.json -o m3.json --quiet
cmp -s m1.json m3.json || fail "argument order changed the output (2)"
[ ! -s out.txt ] || fail "--quiet printed something on stdout"
expect 0 "$POSTIL" merge alice.postil.json bob.postil.json carol.postil.json -o -
cmp -s m1.json out.txt || fail "stdout output differs from the file"

# [SECTION] content
expect 0 "$POSTIL" validate m1.json
expect 0 "$POSTIL" layers m1.json --json
for layer in '"alice"' '"bob"' '"carol"'; do
    grep -q "\"annotator\": $layer" out.txt || fail "layer $layer missing: $(cat out.txt)"
done
grep -q '"bob-a"' m1.json && fail "bob's document was added twice instead of matched by text"
grep -q '"c"' m1.json || fail "carol's extra document is missing"
expect 0 "$POSTIL" layers m1.json --progress --annotators alice,bob
grep -q "total:" out.txt || fail "no progress total"
expect 0 "$POSTIL" layers m1.json --diff a --annotators alice,bob --all
grep -q "agreement" out.txt || fail "no agreement listed in document a"
grep -q "label" out.txt || fail "no stance polarity difference listed in document a"

# --annotator names the unnamed annotations instead of the file stem.
expect 0 "$POSTIL" merge alice.postil.json bob.postil.json -o named.json --annotator robert
grep -q '"annotator": "robert"' named.json || fail "--annotator not applied"
grep -q '"annotator": "bob"' named.json && fail "file stem used although --annotator was given"

# Merging the merged file with an input again: unchanged (identical annotations kept once),
# and the output may be one of the inputs.
cp m1.json again.json
expect 0 "$POSTIL" merge again.json carol.postil.json -o again.json
cmp -s m1.json again.json || fail "re-merging an input changed the project"

# [SECTION] errors: usage 2, bad input 1, nothing written
expect 2 "$POSTIL" merge alice.postil.json
expect 2 "$POSTIL" merge -o x.json
expect 2 "$POSTIL" merge alice.postil.json -o x.json --annotator anonymous
expect 2 "$POSTIL" merge alice.postil.json -o x.json --format no-such-format
expect 1 "$POSTIL" merge alice.postil.json missing.json -o x.json
echo '{"format": "postil-project", "format_version": 1, "documents": [' > broken.json
expect 1 "$POSTIL" merge alice.postil.json broken.json -o x.json
[ ! -e x.json ] || fail "output written although an input was bad"
expect 0 "$POSTIL" merge --help
grep -q "Examples" out.txt || fail "--help has no examples"

finish
echo "merge_test: ok"

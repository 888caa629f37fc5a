#!/bin/sh
# The foundation verbs: import, validate, info, --version, --help, and their exit codes
# (0 ok, 1 bad input, 2 usage). Usage: basic_test.sh POSTIL WORKDIR SHARED
set -u
postil=$1; work=$2; shared=$3
rm -rf "$work"; mkdir -p "$work"; cd "$work" || exit 1
fail=0; passed=0
expect() { # expect CODE DESCRIPTION COMMAND...
    want=$1; what=$2; shift 2
    "$@" >out.txt 2>err.txt; got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"; cat out.txt err.txt; fail=$((fail + 1))
    else
        passed=$((passed + 1))
    fi
}
contains() { # contains FILE TEXT DESCRIPTION
    if grep -qF -- "$2" "$1"; then passed=$((passed + 1)); else echo "FAIL: $3: '$2' not in $1"; cat "$1"; fail=$((fail + 1)); fi
}

expect 0 "version" "$postil" --version
contains out.txt "postil " "version printed"
expect 0 "help" "$postil" --help
for verb in import validate info export convert stats split merge agree; do
    expect 0 "$verb --help" "$postil" "$verb" --help
    contains out.txt "Usage: postil $verb" "$verb help text"
done
expect 2 "no verb" "$postil"
expect 2 "unknown verb" "$postil" frobnicate
expect 2 "import without -o" "$postil" import a.txt
expect 2 "validate without file" "$postil" validate

corpus="$shared/corpus/fr-ai-geopolitics"
expect 0 "import corpus" "$postil" import "$corpus"/*.txt -o corpus.json
expect 0 "validate corpus" "$postil" validate corpus.json
contains out.txt "valid (5 documents" "validate summary"
expect 0 "info" "$postil" info corpus.json
contains out.txt "001_ea5ff2679fed1bd6" "info lists documents"
contains out.txt "6165" "info counts code points of 001 (as Python len())"
expect 0 "info --json" "$postil" info corpus.json --json

# Invalid UTF-8: refused with the byte offset; nothing written.
printf 'ok \351t\351\n' > bad.txt
expect 1 "invalid UTF-8" "$postil" import bad.txt -o bad.json
contains err.txt "byte offset 3" "byte offset named"
[ ! -e bad.json ] && passed=$((passed + 1)) || { echo "FAIL: bad.json written"; fail=$((fail + 1)); }

# Broken project: every problem listed with its JSON path, exit 1; the file is untouched.
sed 's/"status": "todo"/"status": "finished"/; s/"format_version": 1/"format_version": "one"/' corpus.json > broken.json
cp broken.json broken.orig
expect 1 "invalid project" "$postil" validate broken.json
contains err.txt "broken.json: /format_version: expected a non-negative integer" "format_version path"
contains err.txt "/documents/0/status" "status path"
cmp -s broken.json broken.orig && passed=$((passed + 1)) || { echo "FAIL: validate changed the file"; fail=$((fail + 1)); }
printf '{"format": "postil-project",\n  "name": }' > syntax.json
expect 1 "JSON syntax error" "$postil" validate syntax.json
contains err.txt "syntax.json:2:" "syntax error line"

echo "$passed passed, $fail failed"
[ "$fail" -eq 0 ]

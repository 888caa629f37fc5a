# Shared by the CLI test scripts (sourced, after setting WORK, possibly empty): a work folder
# (fresh and temporary when WORK is empty, removed by finish), and the checks.
# Does not do: anything on its own; basic_test.sh counts failures its own way.
CLEAN=
[ -n "$WORK" ] || { WORK=$(mktemp -d); CLEAN=1; }
mkdir -p "$WORK"
cd "$WORK" || exit 1

fail() { echo "FAIL: $*" >&2; exit 1; }
# expect CODE COMMAND...: runs the command, checks its exit code (stdout in out.txt, stderr in err.txt).
expect() {
    code=$1; shift
    "$@" >out.txt 2>err.txt
    rc=$?
    [ "$rc" -eq "$code" ] || fail "expected exit $code, got $rc: $* -- $(cat err.txt)"
}
# finish: removes the temporary work folder (a WORK given by the caller is kept to look at).
finish() { [ -z "$CLEAN" ] || rm -rf "$WORK"; }

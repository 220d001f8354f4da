# Shared by the command-line test scripts (cli_test.sh, cli_patterns_test.sh, report_test.sh):
#   . "$(dirname "$0")/cli_lib.sh" NAME "$@"
# checks the one argument (the moscan binary) and sets BIN, ROOT (the repository) and T (a
# temporary folder, removed on exit, which also holds the pattern-database cache), then offers
# run, ok, fail, check, expect_* and finish.

if [ $# -ne 2 ]; then
    echo "usage: $0 /path/to/moscan" >&2
    exit 2
fi
BIN="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
if [ ! -x "$BIN" ]; then
    echo "$0: $2 is not an executable" >&2
    exit 2
fi
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
T="$(mktemp -d "${TMPDIR:-/tmp}/moscan_$1.XXXXXX")"
trap 'rm -rf "$T"' EXIT
export XDG_CACHE_HOME="$T/xdg" # the default pattern-database cache stays inside the test folder

passed=0
failed=0
rc=0

# run ARGS...: runs moscan, keeping stdout in $T/out, stderr in $T/err, exit code in $rc.
run() {
    "$BIN" "$@" >"$T/out" 2>"$T/err"
    rc=$?
}

ok() { passed=$((passed + 1)); }

# fail NAME: counts a failure and shows the last run's exit code and output (if any).
fail() {
    failed=$((failed + 1))
    echo "FAIL: $1"
    if [ -e "$T/out" ] || [ -e "$T/err" ]; then
        echo "  command exit code: $rc"
        echo "  stdout: $(head -c 800 "$T/out" 2>/dev/null)"
        echo "  stderr: $(head -c 800 "$T/err" 2>/dev/null)"
    fi
}

# check NAME COMMAND...: passes when the command succeeds; shows its output otherwise.
check() {
    local name=$1
    shift
    if "$@" >"$T/check.out" 2>&1; then ok; else
        failed=$((failed + 1))
        echo "FAIL: $name"
        sed 's/^/  /' "$T/check.out" | head -20
    fi
}

expect_rc() { if [ "$rc" -eq "$2" ]; then ok; else fail "$1: expected exit code $2"; fi; }
expect_in() { if grep -qsF -- "$3" "$2"; then ok; else fail "$1: expected '$3' in $(basename "$2")"; fi; }
expect_re() { if grep -qsE -- "$3" "$2"; then ok; else fail "$1: expected /$3/ in $(basename "$2")"; fi; }
expect_not_in() { if grep -qsF -- "$3" "$2"; then fail "$1: did not expect '$3' in $(basename "$2")"; else ok; fi; }

# finish: the tally; the script's exit status says whether everything passed.
finish() {
    echo "$(basename "$0" .sh): $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

# same NAME ARGS...: the table of `moscan count "${BY[@]}" ARGS` equals $T/ref.csv (the
# caller's reference: the same records as plain UTF-8 CSV). Needs BY set.
same() {
    local name=$1
    shift
    run count "${BY[@]}" "$@"
    if [ "$rc" -eq 0 ] && cmp -s "$T/out" "$T/ref.csv"; then ok; else
        fail "$name: table differs from the plain UTF-8 CSV's"
        diff "$T/ref.csv" "$T/out" | head -5
    fi
}

# need_tools TOOL...: fails the test at once when one of the tools it uses is missing.
need_tools() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "FAIL: $tool is not installed (scripts/setup.sh installs the test tools)"
            exit 1
        fi
    done
}

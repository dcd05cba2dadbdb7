# tests/tap.sh - the shared part of the shell TAP tests (cli.sh,
# bad_inputs.sh): arguments, a temporary working folder removed at exit,
# running a command, the assertions, and the TAP report.
#
# Sourced by a test script run as: SCRIPT ENTIGRAPH SOURCE_ROOT
# It sets E (the command), SRC (the source root), CORPUS (examples/csto)
# and works in a new temporary folder.

if [ $# -ne 2 ]; then
    echo "usage: $0 ENTIGRAPH SOURCE_ROOT" >&2
    exit 2
fi
abs() { case $1 in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$PWD" "$1" ;; esac; }
E=$(abs "$1")
SRC=$(abs "$2")
CORPUS=$SRC/examples/csto

tmp=$(mktemp -d "${TMPDIR:-/tmp}/entigraph-cli.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

have_python=false
command -v python3 >/dev/null 2>&1 && have_python=true

n=0
failed=0
rc=0
why=

# run CMD... - runs CMD with stdout in ./out, stderr in ./err, status in $rc.
run() {
    "$@" >out 2>err
    rc=$?
}
# The assertions: each returns 1 and says why when it does not hold. A case
# chains them with && or puts one a line with || return 1.
no() { why=$*; return 1; }
exit_is() { [ "$rc" -eq "$1" ] || no "exit status $rc, want $1"; }
exit_nonzero() { [ "$rc" -ne 0 ] || no "exit status 0, want non-zero"; }
out_has() { grep -qF -- "$1" out || no "stdout lacks '$1'"; }
err_has() { grep -qF -- "$1" err || no "stderr lacks '$1'"; }
lines_are() { [ "$(wc -l <out)" -eq "$1" ] || no "$(wc -l <out) lines on stdout, want $1"; }
nonempty() { [ -s "$1" ] || no "$1 is missing or empty"; }
absent() { [ ! -e "$1" ] || no "$1 exists"; }
entries() { find "$1" -mindepth 1 -maxdepth 1 -printf '%P\n' | LC_ALL=C sort | tr '\n' ' '; }
only_entry() { [ "$(entries "$1")" = "$2 " ] || no "$1 holds: $(entries "$1")"; }
empty_dir() { [ -z "$(entries "$1")" ] || no "$1 holds: $(entries "$1")"; }
same() { cmp -s "$1" "$2" || no "$(cmp "$1" "$2" 2>&1; diff "$1" "$2" 2>&1 | head -n 8)"; }
line_has() { sed -n "$1p" out | grep -qF -- "$2" || no "stdout line $1 lacks '$2'"; }

# check DESCRIPTION FUNCTION - one TAP case.
# skip_part REASON - within a case: part of it could not run here; the case
# is reported as skipped (TAP "# SKIP"), not as a pass.
skip_part() { skipped_because=$*; }

check() {
    n=$((n + 1))
    why=
    skipped_because=
    if "$2"; then
        if [ -n "$skipped_because" ]; then
            echo "ok $n - $1 # SKIP $skipped_because"
        else
            echo "ok $n - $1"
        fi
    else
        failed=$((failed + 1))
        { echo "not ok $n - $1"; diagnose; } | tee -a diagnostics.txt
    fi
}
diagnose() {
    printf '%s\n' "${why:-failed}" | sed 's/^/# /'
    echo "# exit status: $rc"
    [ -s out ] && head -c 1500 out | sed 's/^/# stdout: /'
    [ -s err ] && head -c 1500 err | sed 's/^/# stderr: /'
}
skip() {
    n=$((n + 1))
    echo "ok $n - $1 # SKIP $2"
}

# tap_finish - the plan line, and the exit status (0 when every case held).
tap_finish() {
    echo "1..$n"
    # meson shows the stderr of a failing test, not its TAP stream: repeat the
    # diagnostics there unless they already went to a terminal.
    if [ "$failed" -gt 0 ] && [ ! -t 1 ]; then
        { echo "$failed of $n cases failed:"; cat diagnostics.txt; } >&2
    fi
    [ "$failed" -eq 0 ]
}

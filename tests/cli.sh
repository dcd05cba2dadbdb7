#!/usr/bin/env bash
# tests/cli.sh - TAP tests of the entigraph command line: usage and exit codes,
# the build/extract/graph/report commands end to end on examples/csto, the
# byte-identical outputs of build and extract+graph, bad inputs, standard input
# and JSON Lines input.
#
# usage: tests/cli.sh ENTIGRAPH SOURCE_ROOT
#   e.g. bash tests/cli.sh build/entigraph .
# Self-contained: works in a temporary folder, removed at exit.
set -u

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

# --- usage and exit codes --------------------------------------------------

t_help() { run "$E" --help && exit_is 0 && out_has "usage: entigraph"; }
check "--help exits 0 and prints usage" t_help

t_version() {
    run "$E" --version
    exit_is 0 && { grep -qE '^entigraph [0-9]+\.[0-9]+' out || no "no 'entigraph VERSION' line"; }
}
check "--version exits 0 and prints the version" t_version

for cmd in build extract graph report; do
    eval "t_help_$cmd() { run \"\$E\" $cmd --help && exit_is 0 && out_has 'usage: entigraph $cmd'; }"
    check "$cmd --help exits 0 and prints usage" "t_help_$cmd"
done

t_no_command() { run "$E"; exit_is 2 && err_has "usage: entigraph"; }
check "no command exits 2 with usage on stderr" t_no_command

t_unknown_command() { run "$E" frobnicate; exit_is 2 && err_has "unknown command 'frobnicate'"; }
check "unknown command exits 2" t_unknown_command

t_unknown_option() { run "$E" build --no-such-option "$CORPUS" -o o; exit_is 2 && err_has "unknown option --no-such-option"; }
check "unknown option exits 2" t_unknown_option

t_build_no_output() { run "$E" build "$CORPUS"; exit_is 2 && err_has "-o DIR" && absent graph.graphml; }
check "build without -o exits 2" t_build_no_output

# --- end to end on examples/csto --------------------------------------------

t_build() {
    run "$E" build "$CORPUS" -o e2e
    cp out build-report.txt
    exit_is 0 && nonempty e2e/graph.graphml && nonempty e2e/metrics.csv &&
        err_has "5 documents" && out_has "Top 10 by pagerank"
}
check "build examples/csto writes graph.graphml and metrics.csv and prints the report" t_build

t_metrics_header() {
    nonempty e2e/metrics.csv && { head -n 1 e2e/metrics.csv | grep -q '^id,label,type' || no "header: $(head -n 1 e2e/metrics.csv)"; }
}
check "metrics.csv starts with a header row id,label,type,..." t_metrics_header

t_report() { run "$E" report e2e/graph.graphml; exit_is 0 && out_has "Top 10 by pagerank"; }
check "report GRAPH.graphml exits 0 and prints the report" t_report

t_report_same() { run "$E" report e2e/graph.graphml; same out build-report.txt; }
check "report prints the same report as build did" t_report_same

t_report_bad_metric() { run "$E" report --by nosuchmetric e2e/graph.graphml; exit_nonzero && err_has "nosuchmetric"; }
check "report --by nosuchmetric fails with a message" t_report_bad_metric

t_extract() {
    run "$E" extract "$CORPUS"
    cp out all.jsonl
    exit_is 0 && lines_are 5 || return 1
    if $have_python; then
        python3 -c '
import json, sys
for i, line in enumerate(open("out", encoding="utf-8"), 1):
    d = json.loads(line)
    missing = [k for k in ("doc", "title", "date", "mentions", "relations") if k not in d]
    if missing:
        sys.exit("line %d lacks %s" % (i, missing))
' 2>why.txt || no "$(cat why.txt)"
    else
        local k
        for k in doc title date mentions relations; do
            [ "$(grep -c "\"$k\":" out)" -eq 5 ] || no "not every line has \"$k\"" || return 1
        done
    fi
}
check "extract examples/csto prints 5 JSON lines with doc, title, date, mentions, relations" t_extract

t_extract_date() {
    nonempty all.jsonl && { grep '"doc":"000_' all.jsonl | grep -qF '"date":"2020-12-04"' || no "000_*.txt has no date 2020-12-04"; }
}
check "extract finds the date of 000_*.txt: 2020-12-04" t_extract_date

# --- identical bytes --------------------------------------------------------

t_build_vs_graph() {
    run "$E" graph all.jsonl -o g
    exit_is 0 && same g/graph.graphml e2e/graph.graphml && same g/metrics.csv e2e/metrics.csv
}
check "build and extract+graph write identical bytes" t_build_vs_graph

t_deterministic() {
    run "$E" build "$CORPUS" -o e2e-again
    exit_is 0 && same e2e-again/graph.graphml e2e/graph.graphml && same e2e-again/metrics.csv e2e/metrics.csv
}
check "build twice writes identical bytes" t_deterministic

t_merge_runs() {
    mkdir -p split/a split/b
    cp "$CORPUS"/000_* "$CORPUS"/001_* split/a/ && cp "$CORPUS"/00[234]_* split/b/ ||
        no "cannot copy the corpus" || return 1
    run "$E" extract split/a
    exit_is 0 && cp out a.jsonl || return 1
    run "$E" extract split/b
    exit_is 0 && cp out b.jsonl || return 1
    cat a.jsonl b.jsonl >ab.jsonl
    run "$E" graph a.jsonl b.jsonl -o merged
    exit_is 0 || return 1
    run "$E" graph ab.jsonl -o whole
    exit_is 0 && same merged/graph.graphml whole/graph.graphml && same merged/metrics.csv whole/metrics.csv
}
check "graph a.jsonl b.jsonl (two extract runs) equals graph of both in one file" t_merge_runs

# --- bad input --------------------------------------------------------------

t_missing_file() { run "$E" build no-such-file.txt -o bad1; exit_nonzero && err_has "no-such-file.txt"; }
check "missing input file: non-zero exit naming the file" t_missing_file

t_empty_file() {
    : >empty.txt
    run "$E" build empty.txt -o bad2
    exit_is 0 && err_has "empty.txt" && err_has "empty" && nonempty bad2/graph.graphml
}
check "empty file: a warning naming it, and the build still succeeds" t_empty_file

t_invalid_utf8() {
    printf 'Sergei Pospelov met \377\376 Angela Merkel in Berlin.' >latin.txt
    run "$E" build latin.txt -o bad3
    exit_is 0 && err_has "latin.txt" && err_has "byte offset 20"
}
check "invalid UTF-8: the build succeeds with a warning naming the file and the byte offset" t_invalid_utf8

t_binary_file() {
    printf 'ELF\000\001\002\003binary\000data' >blob.txt
    run "$E" build blob.txt -o bad4
    exit_is 1 && err_has "blob.txt" && err_has "not a text file"
}
check "binary file named on the command line: exit 1, 'not a text file'" t_binary_file

t_binary_folder() {
    mkdir -p binonly && printf 'ELF\000\001\002\003binary\000data' >binonly/blob.txt
    run "$E" build binonly -o bad5
    exit_is 1 && err_has "no documents"
}
check "folder holding only a binary file: exit 1, 'no documents'" t_binary_folder

t_output_under_file() {
    : >plainfile
    run "$E" build "$CORPUS" -o plainfile/out
    exit_is 1 && err_has "plainfile/out" && absent plainfile/out
}
check "output folder under a regular file: exit 1, nothing written" t_output_under_file

if [ "$(id -u)" -eq 0 ]; then
    skip "output folder without write permission: exit 1, no graph.graphml" "running as root"
else
    t_output_readonly() {
        mkdir -p readonly && chmod 555 readonly
        run "$E" build "$CORPUS" -o readonly
        exit_is 1 && err_has "readonly" && empty_dir readonly
    }
    check "output folder without write permission: exit 1, no graph.graphml" t_output_readonly
fi

t_output_file_blocked() {
    mkdir -p blocked/graph.graphml
    run "$E" build "$CORPUS" -o blocked
    exit_is 1 && err_has "graph.graphml" && only_entry blocked graph.graphml
}
check "graph.graphml cannot be replaced: exit 1, no temporary file left" t_output_file_blocked

t_graph_malformed() {
    head -n 1 all.jsonl >broken.jsonl && echo '{"doc": broken' >>broken.jsonl && sed -n 2p all.jsonl >>broken.jsonl
    run "$E" graph broken.jsonl -o bad6
    exit_is 3 && err_has "broken.jsonl:2: skipped" && err_has "2 documents" && nonempty bad6/graph.graphml || return 1
    run "$E" graph broken.jsonl -o bad7 --strict
    exit_is 1 && err_has "broken.jsonl:2" && absent bad7/graph.graphml
}
check "graph on a malformed JSON line: skipped with FILE:LINE, exit 3 (--strict: exit 1, nothing written)" t_graph_malformed

# --- standard input and JSON Lines input -------------------------------------

t_stdin() {
    printf 'Sergei Pospelov met Angela Merkel in Berlin.' >stdin.txt
    run "$E" extract - <stdin.txt
    exit_is 0 && lines_are 1 && out_has '"doc":"-"' && out_has '"Sergei Pospelov"'
}
check "extract - reads standard input as one document \"-\"" t_stdin

t_jsonl_input() {
    cat >docs.jsonl <<'EOF'
{"id": "first", "text": "Sergei Pospelov met Angela Merkel in Berlin.", "title": "One", "date": "4 December 2020"}
{"id": "second", "text": "Vladimir Putin visited Minsk.", "title": "Two", "date": "2021-03-05"}
EOF
    run "$E" extract docs.jsonl
    exit_is 0 && lines_are 2 &&
        line_has 1 '"doc":"first"' && line_has 1 '"title":"One"' && line_has 1 '"date":"2020-12-04"' &&
        line_has 2 '"doc":"second"' && line_has 2 '"title":"Two"' && line_has 2 '"date":"2021-03-05"'
}
check "extract FILE.jsonl: doc ids from \"id\", dates in ISO form" t_jsonl_input

t_all_formats() {
    run "$E" build "$CORPUS" -o all -f all -q
    exit_is 0 || return 1
    for f in graph.graphml metrics.csv graph.gexf graph.json nodes.csv edges.csv graph.dot graph.svg graph.html merges.csv; do
        nonempty "all/$f" || return 1
    done
    [ "$(entries all)" = "edges.csv graph.dot graph.gexf graph.graphml graph.html graph.json graph.svg merges.csv metrics.csv nodes.csv " ] ||
        no "all holds: $(entries all)"
}
check "build -f all writes every format and nothing else" t_all_formats

t_one_format() {
    run "$E" build "$CORPUS" -o one -f gexf -q
    exit_is 0 && [ "$(entries one)" = "graph.gexf graph.graphml metrics.csv " ] || no "one holds: $(entries one)"
}
check "build -f gexf adds graph.gexf to graph.graphml and metrics.csv" t_one_format

t_bad_format() {
    run "$E" build "$CORPUS" -o bad -f pdf
    exit_is 2 && err_has "--format wants" && absent bad/graph.graphml
}
check "an unknown -f format exits 2 before writing" t_bad_format

t_cytoscape() {
    run "$E" build "$CORPUS" -o cy -f json --json-style cytoscape -q
    exit_is 0 && grep -q '"elements"' cy/graph.json || no "graph.json is not in Cytoscape form"
}
check "--json-style cytoscape writes elements" t_cytoscape

t_layout_in_graphml() {
    run "$E" build "$CORPUS" -o lay -q
    exit_is 0 && grep -q 'attr.name="x"' lay/graph.graphml || no "graph.graphml has no x position"
}
check "graph.graphml carries the layout" t_layout_in_graphml

t_option_not_for_command() {
    run "$E" extract --by pagerank "$CORPUS"
    exit_is 2 && err_has "option --by does not apply to extract"
}
check "an option of another command exits 2" t_option_not_for_command

t_report_formats() {
    run "$E" build "$CORPUS" -o rep -q
    exit_is 0 || return 1
    run "$E" report rep/graph.graphml --format csv --top 3
    exit_is 0 && line_has 1 "rank,label,type,pagerank" && lines_are 4 || return 1
    run "$E" report rep/graph.graphml --format json --top 2
    exit_is 0 || return 1
    if $have_python; then
        python3 -c 'import json,sys; d=json.load(open("out")); assert len(d["rows"]) == 2' 2>err || no "report JSON: $(cat err)"
    else
        skip_part "the JSON check: no python3"
    fi
}
check "report --format csv and json" t_report_formats

t_report_ego() {
    run "$E" build "$CORPUS" -o ego -q --ego "Collective Security Treaty Organization" --depth 1 --top 5
    exit_is 0 && out_has "Strongest ties" && out_has "within 1 hop" || return 1
    run "$E" report ego/graph.graphml --ego "no such entity anywhere"
    exit_is 2 && err_has "no such entity anywhere"
}
check "--ego centres the report; an unknown ego exits 2" t_report_ego

t_layer_and_weight() {
    run "$E" build "$CORPUS" -o lw -q --layer co_mention --min-weight 2 --exact --by degree --top 1
    exit_is 0 || return 1
    run "$E" build "$CORPUS" -o lw2 -q --layer nonsense
    exit_is 2 && err_has "--layer wants" || return 1
    run "$E" build "$CORPUS" -o lw2 -q --min-weight -1
    exit_is 2 && err_has "--min-weight wants"
}
check "--layer, --min-weight and --exact are accepted and checked" t_layer_and_weight

t_size_by() {
    run "$E" build "$CORPUS" -o sz -q --size-by no_such_metric
    exit_is 2 && err_has "--size-by: no metric" && absent sz/graph.graphml || return 1
    run "$E" build "$CORPUS" -o sz -q --size-by degree --color-by community
    exit_is 0
}
check "--size-by names a metric; --color-by community" t_size_by

t_window_boilerplate() {
    run "$E" build "$CORPUS" -o w1 -q
    exit_is 0 || return 1
    run "$E" build "$CORPUS" -o w2 -q --window document
    exit_is 0 || return 1
    local e1 e2
    e1=$(grep -c '<edge ' w1/graph.graphml)
    e2=$(grep -c '<edge ' w2/graph.graphml)
    [ "$e2" -gt "$e1" ] || no "--window document gave $e2 edges, sentence $e1"
    run "$E" build "$CORPUS" -o w3 -q --keep-boilerplate
    exit_is 0 || return 1
    run "$E" build "$CORPUS" -o w4 -q --window nonsense
    exit_is 2 && err_has "--window wants"
}
check "--window document links more pairs; --keep-boilerplate runs" t_window_boilerplate

t_conflicts() {
    run "$E" build "$CORPUS" -o cf -q --conflicts
    exit_is 0 && out_has "Conflicting figures"
}
check "--conflicts adds its section" t_conflicts

t_fuzz_reproducers() {
    local f
    for f in "$SRC"/tests/fuzz/crashes/*.txt "$SRC"/tests/fuzz/crashes/*.bin; do
        run "$E" build "$f" -o fz -q
        exit_is 0 || { why="$(basename "$f"): $why"; return 1; }
        run "$E" extract "$f"
        exit_is 0 || { why="$(basename "$f") extract: $why"; return 1; }
        cp out fz.jsonl
        run "$E" graph fz.jsonl -o fz2 -q
        exit_is 0 || { why="$(basename "$f") extract | graph: $why"; return 1; }
    done
    for f in "$SRC"/tests/fuzz/crashes/*.jsonl; do
        run "$E" graph "$f" -o fz3 -q
        [ "$rc" -le 2 ] || { no "$(basename "$f"): exit status $rc"; return 1; }
    done
}
check "the inputs that once crashed or hung (tests/fuzz/crashes) run clean" t_fuzz_reproducers

t_deterministic_large() {
    if ! $have_python; then
        skip_part "no python3"
        return 0
    fi
    python3 "$SRC/bench/make-corpus" "$CORPUS" big 4 >/dev/null 2>&1 || { no "make-corpus failed"; return 1; }
    run "$E" build big -o det1 -q -f all
    exit_is 0 || return 1
    run "$E" build big -o det2 -q -f all
    exit_is 0 || return 1
    local f
    for f in det1/*; do
        same "$f" "det2/${f#det1/}" || { why="${f#det1/}: $why"; return 1; }
    done
}
check "a 4 MB corpus built twice gives the same bytes in every file (PageRank's threads)" t_deterministic_large

t_gexf_directed() {
    run "$E" build "$CORPUS" -o gd -q -f gexf --gexf-directed
    exit_is 0 && grep -q 'defaultedgetype="directed"' gd/graph.gexf && grep -q 'type="undirected"' gd/graph.gexf ||
        no "graph.gexf is not mixed"
}
check "--gexf-directed: directed by default, co-mentions undirected" t_gexf_directed

t_report_corpus() {
    run "$E" report "$CORPUS" --top 2 --format csv -q
    exit_is 0 && line_has 1 "rank,label,type,pagerank" && lines_are 3 || return 1
    absent out.graphml
}
check "report INPUT...: the report of a corpus, built in memory" t_report_corpus

t_report_recompute() {
    run "$E" build "$CORPUS" -o rc -q
    exit_is 0 || return 1
    run "$E" report rc/graph.graphml --by degree --top 1 --format csv
    exit_is 0 || return 1
    local all role
    all=$(sed -n 2p out)
    run "$E" report rc/graph.graphml --by degree --top 1 --format csv --layer role
    exit_is 0 || return 1
    role=$(sed -n 2p out)
    [ "$all" != "$role" ] || no "--layer role gave the same top row: $all"
}
check "report GRAPH.graphml --layer role recomputes the metrics" t_report_recompute

# --- the tagger: train, --model, --no-model ---------------------------------

TRAIN=$SRC/tests/data/tagger-train.jsonl
t_train_usage() { run "$E" train "$TRAIN" && exit_is 2 && err_has "-o MODEL"; }
check "train without -o exits 2" t_train_usage

t_train() {
    run "$E" train "$TRAIN" --epochs 3 --folds 2 -o m1.egm
    exit_is 0 && nonempty m1.egm && err_has "10 documents" || return 1
    run "$E" train "$TRAIN" --epochs 3 --folds 2 -o m2.egm -q
    exit_is 0 && same m1.egm m2.egm || return 1
    printf 'Halvor Strand met Oskar Lind in Estonia.\n' >t.txt
    run "$E" extract t.txt --model m1.egm
    exit_is 0 && out_has '"mentions"'
}
check "train writes a model, the same bytes twice; extract --model uses it" t_train

t_bad_model() {
    printf 'x\n' >t.txt
    run "$E" extract t.txt --model nosuch.egm
    exit_is 1 && err_has "nosuch.egm" || return 1
    head -c 1000 "$SRC/models/default.egm" >cut.egm
    run "$E" extract t.txt --model cut.egm
    exit_is 1 && err_has "cut.egm" && err_has "truncated" || return 1
    run "$E" extract t.txt --no-model
    exit_is 0
}
check "a missing or truncated model: exit 1 naming it; --no-model needs none" t_bad_model

t_train_bad_data() {
    printf '{"text": "Ann Lee", "entities": [{"type": "PER", "start": 0, "end": 7}]}\n{"text": "Bo", "entities": [{"type": "animal", "start": 0, "end": 2}]}\n' >bad.jsonl
    run "$E" train bad.jsonl -o bad.egm
    exit_is 1 && err_has "bad.jsonl:2" && err_has "animal" && absent bad.egm || return 1
    printf '{"text": "Ann Lee", "entities": [{"type": "PER", "start": 3, "end": 70}]}\n' >far.jsonl
    run "$E" train far.jsonl -o far.egm
    exit_is 1 && err_has "far.jsonl:1" && absent far.egm
}
check "train on bad data: exit 1 naming FILE:LINE, no model written" t_train_bad_data

t_aliases() {
    printf '# corrections\nmerge\tSergei Pospelov\tVyacheslav Volodin\napart\tParliament of Kazakhstan\tParliament of the Republic of Kazakhstan\ndrop\tAigul Kuspan\nlabel\tMikhail Krotov\tM. Krotov\n' >al.tsv
    run "$E" build "$CORPUS" -o al --aliases al.tsv -f csv -f merges
    exit_is 0 && err_has "4 of 4 directives applied" || return 1
    grep -q 'Pospelov|.*Volodin\|Volodin|.*Pospelov' al/nodes.csv || no "Pospelov and Volodin are not one node" || return 1
    grep -q '^n[0-9]*,Parliament of Kazakhstan,' al/nodes.csv || no "Parliament of Kazakhstan was joined" || return 1
    ! grep -q 'Kuspan' al/nodes.csv || no "a dropped name is still there" || return 1
    grep -q '^n[0-9]*,M. Krotov,person,' al/nodes.csv || no "no node labelled M. Krotov" || return 1
    grep -q ',aliases_file,' al/merges.csv || no "the merge log lacks the file's merge"
}
check "--aliases: merge, keep apart, drop and relabel, each reported" t_aliases

t_merge_log() {
    run "$E" build "$CORPUS" -o ml -f merges
    exit_is 0 && nonempty ml/merges.csv || return 1
    head -n 1 ml/merges.csv | grep -qx 'entity,type,alias,rule,via,document,example' || no "bad header" || return 1
    grep -q ',document_surname,' ml/merges.csv || no "no surname joined within a document" || return 1
    grep -q ',country_variant,' ml/merges.csv || no "no corpus rule in the log"
}
check "-f merges: every name of every entity with the rule that joined it" t_merge_log

t_aliases_graph() {
    printf 'merge\tSergei Pospelov\tVyacheslav Volodin\ndrop\tAigul Kuspan\n' >al2.tsv
    run "$E" extract "$CORPUS"
    exit_is 0 || return 1
    mv out ex.jsonl
    run "$E" graph ex.jsonl -o g1 --aliases al2.tsv -f merges
    exit_is 0 || return 1
    run "$E" build "$CORPUS" -o g2 --aliases al2.tsv -f merges
    exit_is 0 && same g1/graph.graphml g2/graph.graphml && same g1/merges.csv g2/merges.csv
}
check "--aliases on graph gives the bytes of build" t_aliases_graph

t_aliases_bad() {
    printf 'merge\tOnly One\n' >bad.tsv
    run "$E" build "$CORPUS" -o bad --aliases bad.tsv
    exit_is 2 && err_has "bad.tsv:1" && absent bad || return 1
    printf 'label\tX\tY\nrename\tA\tB\n' >bad2.tsv
    run "$E" build "$CORPUS" -o bad --aliases bad2.tsv
    exit_is 2 && err_has "bad2.tsv:2" && err_has "rename" && absent bad || return 1
    run "$E" build "$CORPUS" -o bad --aliases nosuch.tsv
    exit_is 1 && err_has "nosuch.tsv" && absent bad || return 1
    printf 'drop\tNobody At All\n' >unused.tsv
    run "$E" build "$CORPUS" -o unused --aliases unused.tsv
    exit_is 0 && err_has "unused.tsv:1" && err_has "Nobody At All"
}
check "a bad or missing aliases file: exit 2 or 1 naming FILE:LINE; an unused line warned of" t_aliases_bad

t_links() {
    mkdir -p lk && printf 'Ann Lee met Bo Dahl in Oslo.\n' >lk/a.txt
    ln -s . lk/self && ln -s a.txt lk/b.txt && mkdir lk/sub && ln -s .. lk/sub/up
    run timeout 60 "$E" extract lk
    exit_is 0 && lines_are 1 && err_has "lk/self: skipped: read already" && err_has "lk/b.txt: skipped"
}
check "links: each folder and file read once; a link back up is skipped, not followed" t_links

t_endless_input() {
    [ -r /dev/zero ] || { echo "# no /dev/zero"; return 0; }
    run timeout 20 "$E" extract /dev/zero
    exit_is 1 && err_has "/dev/zero: not a text file" || return 1
    head -c 2100000 /dev/zero | tr '\0' 'a' >huge.txt
    run timeout 20 "$E" extract huge.txt --max-document-size 2
    exit_is 1 && err_has "huge.txt: larger than" && lines_are 0 || return 1
    run "$E" extract huge.txt --max-document-size 0
    exit_is 2 && err_has "max-document-size" || return 1
    { printf '{"text": "Ann Lee."}\n{"text": "'; cat huge.txt huge.txt; } >huge.jsonl
    run timeout 20 "$E" extract huge.jsonl --max-document-size 2
    exit_is 3 && lines_are 1 && err_has "huge.jsonl:2: skipped: a line longer than" || return 1
    run timeout 20 "$E" graph /dev/zero -o gz --max-document-size 1
    exit_is 1 && err_has "/dev/zero:1: a line longer than" && absent gz/graph.graphml
}
check "an endless or too large input ends at once with its name, never a hang" t_endless_input

t_empty_output_name() {
    printf 'Ann Lee met Bo Dahl in Oslo.\n' >e.txt
    run "$E" build e.txt -o ''
    exit_is 2 && err_has "output folder's name is empty"
}
check "-o '': a usage error, not a crash" t_empty_output_name

t_empty_folder() {
    mkdir -p nothing
    run "$E" extract nothing
    exit_is 1 && err_has "no documents" && ! grep -q "runtime error" err || no "stderr: $(cat err)"
}
check "an empty folder: no documents, said once" t_empty_folder

t_own_outputs() {
    mkdir -p own && printf 'Ann Lee met Bo Dahl in Oslo.\n' >own/a.txt
    run "$E" build own -o own -f all
    exit_is 0 && err_has "1 document," || return 1
    run "$E" build own -o own -f all
    exit_is 0 && err_has "1 document," && err_has "skipped: an output of this run" || return 1
    run "$E" build own -o own/sub
    exit_is 0 || return 1
    run "$E" build own -o own/sub
    exit_is 0 && err_has "own/sub: skipped: an output of this run"
}
check "build d -o d (or d/sub) again reads none of its own outputs" t_own_outputs

t_bad_jsonl_lines() {
    printf '{"text": "Ann Lee met Bo Dahl in Oslo."}\nnot json\n{"text": "Tony Blair met Gordon Brown."} garbage\n{"id": 3}\n{"text": "Angela Merkel spoke in Berlin."}\n' >bl.jsonl
    run "$E" extract bl.jsonl
    exit_is 3 && lines_are 2 && err_has "bl.jsonl:2: skipped" && err_has "bl.jsonl:3: skipped" &&
        err_has "bl.jsonl:4: skipped" && err_has "3 inputs skipped" || return 1
    run "$E" build bl.jsonl -o bl
    exit_is 3 && nonempty bl/graph.graphml && err_has "2 documents" || return 1
    run "$E" extract --strict bl.jsonl
    exit_is 1 && err_has "bl.jsonl:2: not a JSON object" && lines_are 1
}
check "malformed JSON lines: each skipped with FILE:LINE, the rest kept, exit 3 (--strict: exit 1)" t_bad_jsonl_lines

t_odd_names_and_bom() {
    mkdir -p odd && printf '\357\273\277Big News Today\n\nAnn Lee met Bo Dahl in Oslo.\n' >"odd/caf$(printf '\351').txt"
    run "$E" extract odd
    exit_is 0 && lines_are 1 || return 1
    if $have_python; then
        python3 -c 'import json,sys; o=json.loads(open("out","rb").read().decode("utf-8")); sys.exit(0 if o["title"]=="Big News Today" and o["doc"]=="caf\ufffd.txt" else 1)' ||
            no "not valid UTF-8, or the title keeps the BOM: $(cat out | head -c 200)"
    else
        skip_part "the JSON check: no python3"
    fi
}
check "a file name in another encoding and a BOM: valid UTF-8 out, a clean title" t_odd_names_and_bom

t_graph_checks_lines() {
    local s='"sentences":[{"start":0,"end":30,"paragraph":0,"line":"0000000000000001"}]'
    local m='{"start":0,"end":7,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":0}'
    printf '{"doc":"a",%s,"mentions":[%s],"relations":[]}\n' "$s" "$m" >g-ok.jsonl
    run "$E" graph g-ok.jsonl -o gok
    exit_is 0 || return 1
    printf '{"doc":"a",%s,"mentions":[{"start":9,"end":3,"type":"person","text":"Ann","entity":"Ann","form":"name","sentence":0}],"relations":[]}\n' "$s" >g1.jsonl
    run "$E" graph g-ok.jsonl g1.jsonl -o gbad --strict
    exit_is 1 && err_has "g1.jsonl:1" && err_has "before it starts" && absent gbad/graph.graphml || return 1
    run "$E" graph g-ok.jsonl g1.jsonl -o gskip
    exit_is 3 && err_has "g1.jsonl:1: skipped" && nonempty gskip/graph.graphml || return 1
    printf '{"doc":"a",%s,"mentions":[{"start":0,"end":7,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":4}],"relations":[]}\n' "$s" >g2.jsonl
    run "$E" graph g2.jsonl -o gbad --strict
    exit_is 1 && err_has "g2.jsonl:1" && err_has "sentence 4 of 1" || return 1
    printf '{"doc":"a",%s,"mentions":[{"start":0,"end":90,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":0}],"relations":[]}\n' "$s" >g3.jsonl
    run "$E" graph g3.jsonl -o gbad --strict
    exit_is 1 && err_has "outside its sentence" || return 1
    printf '{"doc":"a",%s,"mentions":[%s],"relations":[{"kind":"role","source":"Ann Lee","source_type":"person","target":"Nobody Corp","target_type":"body","role":"CEO","sentence":0,"start":0,"end":30,"evidence":"x"}]}\n' "$s" "$m" >g4.jsonl
    run "$E" graph g4.jsonl -o gbad --strict
    exit_is 1 && err_has "g4.jsonl:1" && err_has "Nobody Corp" && err_has "no mention names"
}
check "graph checks each line: offsets, sentence numbers and relation names, reported with FILE:LINE" t_graph_checks_lines

t_output_set() {
    run "$E" build "$CORPUS" -o set -f all
    exit_is 0 || return 1
    (cd set && cksum * | sort) >before.txt
    rm -f set/graph.svg && mkdir -p set/graph.svg/x
    run "$E" build "$CORPUS/001_a3f7cf1b61fb518c.txt" -o set -f all
    exit_is 1 && err_has "graph.svg: a folder is in the way" || return 1
    (cd set && cksum $(ls | grep -v '^graph.svg$') | sort) >after.txt
    grep -v ' graph.svg$' before.txt >before2.txt
    same before2.txt after.txt && [ -z "$(ls set | grep '\.tmp\.')" ] || no "the old set changed or a temporary file was left: $(ls set)"
}
check "a run that fails writing leaves the whole old set of files and no temporary file" t_output_set

t_order_independent() {
    mkdir -p oa oc && cp "$CORPUS"/00[0-2]* oa/ && cp "$CORPUS"/00[3-9]* oc/
    run "$E" build oa oc -o ord1 -f all
    exit_is 0 || return 1
    run "$E" build oc oa -o ord2 -f all
    exit_is 0 || return 1
    local f
    for f in $(ls ord1); do
        same ord1/$f ord2/$f || return 1
    done
}
check "the same documents in another order give the same bytes in every file" t_order_independent

t_interrupted() {
    # the old set: one page; the new one: the whole sample
    run "$E" build "$CORPUS/001_a3f7cf1b61fb518c.txt" -o intr -f all
    exit_is 0 || return 1
    (cd intr && cksum * | sort) >intr-old.txt
    run "$E" build "$CORPUS" -o intr-new -f all
    exit_is 0 || return 1
    (cd intr-new && cksum * | sort) >intr-new.txt
    local delay pid
    # EG_TEST_WRITE_PAUSE_MS holds the run 100 ms after each file it writes
    # (ten files: a second of writing), so that most of these land mid-write
    for delay in 0.05 0.3 0.5 0.7 0.9 1.1 2; do
        EG_TEST_WRITE_PAUSE_MS=100 "$E" build "$CORPUS" -o intr -f all -q >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -INT "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        [ -z "$(ls intr | grep '\.tmp\.')" ] || no "SIGINT after ${delay}s left $(ls intr | grep '\.tmp\.')" || return 1
        (cd intr && cksum * | sort) >intr-now.txt
        cmp -s intr-now.txt intr-old.txt || cmp -s intr-now.txt intr-new.txt ||
            no "SIGINT after ${delay}s left a mixed set" || return 1
        if cmp -s intr-now.txt intr-new.txt; then
            # back to the old set for the next delay
            "$E" build "$CORPUS/001_a3f7cf1b61fb518c.txt" -o intr -f all -q >/dev/null 2>&1
        fi
    done
}
check "SIGINT at any moment leaves the old set or the new one, whole, and no temporary file" t_interrupted

echo "1..$n"
# meson shows the stderr of a failing test, not its TAP stream: repeat the
# diagnostics there unless they already went to a terminal.
if [ "$failed" -gt 0 ] && [ ! -t 1 ]; then
    { echo "$failed of $n cases failed:"; cat diagnostics.txt; } >&2
fi
[ "$failed" -eq 0 ]

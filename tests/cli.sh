#!/usr/bin/env bash
# tests/cli.sh - TAP tests of the entigraph command line: usage and exit codes,
# the build/extract/graph/report commands end to end on examples/csto, the
# byte-identical outputs of build and extract+graph, standard input and JSON
# Lines input (the bad inputs have their own catalogue: tests/bad_inputs.sh).
#
# usage: tests/cli.sh ENTIGRAPH SOURCE_ROOT
#   e.g. bash tests/cli.sh build/entigraph .
# Self-contained: works in a temporary folder, removed at exit.
set -u

# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"

# --- usage and exit codes --------------------------------------------------

t_help() { run "$E" --help && exit_is 0 && out_has "usage: entigraph"; }
check "--help exits 0 and prints usage" t_help

t_version() {
    run "$E" --version
    exit_is 0 && { grep -qE '^entigraph [0-9]+\.[0-9]+' out || no "no 'entigraph VERSION' line"; }
}
check "--version exits 0 and prints the version" t_version

for cmd in build extract graph report text; do
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
        err_has "5 documents (5 dated)" && out_has "Top 10 by pagerank"
}
check "build examples/csto writes graph.graphml and metrics.csv, says how many documents are dated, and prints the report" t_build

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

# the same files, all formats, or a word on the first that differs
same_set() {
    local f
    for f in "$1"/*; do
        same "$f" "$2/$(basename "$f")" || return 1
    done
}

t_partial_trees() {
    run "$E" build "$CORPUS" -o pall -f all
    exit_is 0 || return 1
    local i=0
    while IFS= read -r line; do
        printf '%s\n' "$line" >"shard$i.jsonl"
        run "$E" graph "shard$i.jsonl" --partial "s$i.egp"
        exit_is 0 && nonempty "s$i.egp" && err_has "the state of 1 document written to s$i.egp" || return 1
        i=$((i + 1))
    done <all.jsonl
    [ "$i" -eq 5 ] || no "all.jsonl has $i lines, not 5" || return 1
    # ((0 1) (2 3)) 4, and 4 (3 (0 (2 1))) with a document file among the states
    run "$E" graph s0.egp s1.egp --partial s01.egp && exit_is 0 || return 1
    run "$E" graph s3.egp s2.egp --partial s23.egp && exit_is 0 || return 1
    run "$E" graph s01.egp s23.egp --partial s0123.egp && exit_is 0 || return 1
    run "$E" graph s0123.egp s4.egp -o tree1 -f all && exit_is 0 || return 1
    run "$E" graph s2.egp s1.egp --partial s21.egp && exit_is 0 || return 1
    run "$E" graph s21.egp shard0.jsonl --partial s021.egp && exit_is 0 || return 1
    run "$E" graph s3.egp s021.egp --partial s3021.egp && exit_is 0 || return 1
    run "$E" graph s4.egp s3021.egp -o tree2 -f all && exit_is 0 || return 1
    same_set pall tree1 && same_set pall tree2 || return 1
    # the state holds no text but what the outputs quote
    [ "$(wc -c <s0123.egp)" -lt "$(head -n 4 all.jsonl | wc -c)" ] || no "the partial state is no smaller than its documents"
}
check "--partial: five one-document states merged in two different trees give the bytes of build, every format" t_partial_trees

t_partial_bad() {
    run "$E" graph s0.egp --partial x.egp -o xo
    exit_is 2 && err_has "not both" && absent x.egp && absent xo || return 1
    head -n 3 s0123.egp >cut.egp
    run "$E" graph cut.egp -o cut
    exit_is 1 && err_has "cut.egp: not a valid entigraph partial file" && err_has "truncated" && absent cut || return 1
    sed '2s/.*/["d",7]/' s0.egp >bad.egp
    run "$E" graph bad.egp -o bad
    exit_is 1 && err_has "bad.egp:2:" && absent bad || return 1
    # a sentence naming no key (the corpus keeps none such)
    sed '0,/^\["s",/s/^\(\["s",[^[]*\)\[[0-9,]*\]/\1[]/' s0.egp >nokey.egp
    cmp -s s0.egp nokey.egp && { echo "# no sentence record to empty"; return 1; }
    run "$E" graph nokey.egp -o nokey
    exit_is 1 && err_has "names no key" && absent nokey || return 1
    sed '1s/"version":2/"version":9/' s0.egp >v9.egp
    run "$E" graph v9.egp -o v9
    exit_is 1 && err_has "version 9" || return 1
    printf 'drop\tCSTO\n' >drop.tsv
    run "$E" graph s0.egp --aliases drop.tsv -o dropped
    exit_is 2 && err_has "when the partial states are made" && absent dropped
}
check "--partial: a state cut short, a bad record, another version, -o with --partial and an aliases file that drops names at merge time are refused" t_partial_bad

t_jobs_same_bytes() {
    mkdir -p many || return 1
    for i in 1 2 3 4 5 6 7; do
        for f in "$CORPUS"/*; do cp "$f" "many/$i-$(basename "$f")" || return 1; done
    done
    run "$E" extract -j 1 many
    exit_is 0 && cp out j1.jsonl || return 1
    for j in 2 3 8; do
        run "$E" extract --jobs "$j" many
        exit_is 0 && same out j1.jsonl || return 1
    done
    run "$E" build -j 1 many -o bj1 -f all
    exit_is 0 || return 1
    run "$E" build -j 3 many -o bj3 -f all
    exit_is 0 || return 1
    for f in bj1/*; do same "$f" "bj3/${f#bj1/}" || return 1; done
}
check "extract and build: the same bytes on 1, 2, 3 and 8 threads (every format)" t_jobs_same_bytes

t_jobs_strict_error() {
    # 40 documents: the bad line comes in the second batch handed to the workers
    { for i in $(seq 40); do printf '{"id": "d%s", "text": "Tony Blair met Gordon Brown in London."}\n' "$i"; done
      echo "not json"; printf '{"text": "Tony Blair spoke."}\n'; } >js.jsonl
    run "$E" extract -j 3 --strict js.jsonl
    exit_is 1 && err_has "js.jsonl:41: not a JSON object" && lines_are 40
}
check "extract -j 3 --strict: the documents before the bad line are written, then exit 1" t_jobs_strict_error

t_jobs_bad_value() {
    for v in 0 -2 x 99999; do
        run "$E" extract -j "$v" "$CORPUS"
        exit_is 2 && err_has "--jobs" || return 1
    done
}
check "-j 0, -2, x, 99999: usage errors" t_jobs_bad_value

# --- web pages ----------------------------------------------------------------

write_page() {
    cat >"$1" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>Bridge | Nordvik Post</title>
<meta property="og:title" content="Nordvik to rebuild its bridge">
<meta property="article:published_time" content="2019-11-19T10:00:00Z">
<link rel="canonical" href="https://post.example/bridge"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<div class="story"><p>Mayor Ola Berg of Nordvik said on Tuesday that the council would rebuild the old
harbour bridge, which has been closed to traffic since the storms of last winter.</p>
<p>Kari Moe, the chief engineer of Vexa Holdings, put the cost at twelve million crowns, and said
the work would begin in the spring once the contracts had been signed.</p></div>
<footer>Copyright Nordvik Post, all rights reserved, every day of the year.</footer></body></html>
HTML
}

t_text_html() {
    mkdir -p site && write_page site/bridge.html && cp site/bridge.html site/saved-page || return 1
    run "$E" text site
    exit_is 0 && lines_are 2 || return 1
    if ! $have_python; then
        skip_part "python3 is not installed"
        return 0
    fi
    python3 - out <<'PY' 2>why.txt || no "$(tail -n 3 why.txt)"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
for o in lines:
    assert o["title"] == "Nordvik to rebuild its bridge", o["title"]
    assert o["date"] == "2019-11-19", o["date"]
    assert o["url"] == "https://post.example/bridge", o["url"]
    assert o["text"].startswith("Mayor Ola Berg of Nordvik"), o["text"][:80]
    assert "\n\nKari Moe" in o["text"], o["text"]
    assert "Home" not in o["text"] and "Copyright" not in o["text"], o["text"]
assert [o["doc"] for o in lines] == ["bridge.html", "saved-page"], [o["doc"] for o in lines]
PY
}
check "text: a web page's article (by name or by content), title, date and URL" t_text_html

t_extract_html() {
    write_page page.html || return 1
    run "$E" extract page.html
    exit_is 0 && out_has '"title":"Nordvik to rebuild its bridge"' && out_has '"date":"2019-11-19"' &&
        out_has '"entity":"Ola Berg"' && out_has '"target":"Vexa Holdings"' || return 1
    run "$E" text - <page.html
    exit_is 0 && out_has '"doc":"-"' && out_has '"url":"https://post.example/bridge"'
}
check "extract reads a web page's article; text - reads a page from standard input" t_extract_html

t_with_text() {
    write_page page.html || return 1
    run "$E" extract --with-text page.html
    exit_is 0 && lines_are 1 || return 1
    if ! $have_python; then
        skip_part "python3 is not installed"
        out_has '"text":"Mayor Ola Berg'
        return
    fi
    python3 - out <<'PY' 2>why.txt || no "$(tail -n 3 why.txt)"
import json, sys
d = json.loads(open(sys.argv[1]).readline())
t = d["text"].encode()
for m in d["mentions"]:
    assert t[m["start"]:m["end"]].decode() == m["text"], (m, t[m["start"]:m["end"]])
assert d["mentions"], "no mentions"
PY
}
check "extract --with-text: every mention's offsets point at its text in \"text\"" t_with_text

t_html_boilerplate() {
    mkdir -p bsite || return 1
    for i in 1 2 3; do
        cat >"bsite/p$i.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story $i</title></head><body><nav><a href="/">Home</a></nav>
<div class="story"><p>Story number $i: the council of Nordvik met on Monday and talked for hours about the
harbour, the ferry and the roads, and Lars Dahl of Vexa Holdings spoke first.</p>
<p>Ola Berg and Kari Moe edit the Nordvik Post, which is read by everyone in town.</p></div></body></html>
HTML
    done
    run "$E" build bsite -o bs -f csv -q
    exit_is 0 && { grep -q 'co_mention.*"Ola Berg and Kari Moe edit' bs/edges.csv || no "no co-mention edge"; } || return 1
    grep 'co_mention.*"Ola Berg and Kari Moe edit' bs/edges.csv | grep -q '^[^,]*,[^,]*,Undirected,1,' ||
        no "the line on every page counted more than once: $(grep 'Ola Berg and Kari' bs/edges.csv | head -n 1)" || return 1
    run "$E" build bsite -o bs3 -f csv -q --keep-boilerplate
    exit_is 0 && { grep 'co_mention.*"Ola Berg and Kari Moe edit' bs3/edges.csv | grep -q '^[^,]*,[^,]*,Undirected,3,' ||
        no "--keep-boilerplate: not counted three times"; }
}
check "web pages of one site: a line the article finder lets through on every page counts once" t_html_boilerplate

t_text_plain() {
    printf 'A plain text about Ola Berg.\n' >plain.txt
    printf '{"id": "j1", "text": "Kari Moe spoke.", "date": "4 December 2020", "url": "https://x.example/j1"}\n' >c.jsonl
    run "$E" text plain.txt c.jsonl
    exit_is 0 && lines_are 2 && line_has 1 '"title":null' && line_has 1 '"text":"A plain text about Ola Berg.\n"' &&
        line_has 2 '"date":"2020-12-04"' && line_has 2 '"url":"https://x.example/j1"'
}
check "text: plain files and JSON Lines as read, the given date in ISO form" t_text_plain

# --- WARC archives --------------------------------------------------------------

# warc_record TYPE URI BLOCK-FILE - one WARC record on standard output.
warc_record() {
    printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2019-11-21T08:00:00Z\r\n' "$1" "$2"
    printf 'Content-Length: %s\r\n\r\n' "$(wc -c <"$3" | tr -d ' ')"
    cat "$3"
    printf '\r\n\r\n'
}

make_warc() {
    write_page page.html
    printf 'software: a test\r\n' >info.txt
    printf 'GET /bridge HTTP/1.1\r\nHost: post.example\r\n\r\n' >req.txt
    { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'; cat page.html; } >resp1.txt
    # the same page sent chunked and gzip-encoded, with no date of its own
    grep -v published_time page.html | gzip -c >page.gz
    size=$(wc -c <page.gz | tr -d ' ')
    { printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
      printf '%x\r\n' "$size"; cat page.gz; printf '\r\n0\r\n\r\n'; } >resp2.txt
    { printf 'HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4 not a page'; } >resp3.txt
    { warc_record warcinfo "" info.txt; warc_record request https://post.example/bridge req.txt; } | gzip -c >a.warc.gz
    warc_record response https://post.example/bridge resp1.txt | gzip -c >>a.warc.gz
    { warc_record response https://post.example/bridge-again resp2.txt
      warc_record response https://post.example/doc.pdf resp3.txt; } | gzip -c >>a.warc.gz
}

t_warc() {
    make_warc || return 1
    run "$E" text a.warc.gz
    exit_is 0 && lines_are 2 && line_has 1 '"doc":"https://post.example/bridge"' &&
        line_has 1 '"date":"2019-11-19"' && line_has 1 '"url":"https://post.example/bridge"' &&
        line_has 2 '"doc":"https://post.example/bridge-again"' && line_has 2 '"date":"2019-11-21"' &&
        line_has 2 '"text":"Mayor Ola Berg of Nordvik' && err_has "a.warc.gz: 2 pages read; 3 other records skipped" || return 1
    run "$E" extract a.warc.gz
    exit_is 0 && lines_are 2 && out_has '"target":"Vexa Holdings"'
}
check "a WARC archive (gzip members): each HTML response a document, chunked and gzip payloads decoded, the rest counted" t_warc

t_warc_damaged() {
    make_warc || return 1
    zcat a.warc.gz >plain.warc || return 1
    { printf 'garbage before the first record\n'; cat plain.warc; head -c 300 plain.warc; } >cut.warc
    run "$E" text cut.warc
    exit_is 3 && lines_are 2 && err_has "cut.warc: record at offset 0: not the start of a WARC record" &&
        err_has "ends inside this record" || return 1
    head -c 200 a.warc.gz >trunc.warc.gz
    cat a.warc.gz trunc.warc.gz >two.warc.gz
    run "$E" text two.warc.gz
    exit_is 3 && lines_are 2 && err_has "two.warc.gz: record at offset"
}
check "a damaged WARC: garbage and a cut record reported with their offsets, the rest read, exit 3" t_warc_damaged

t_report_refuses_other_outputs() {
    run "$E" report e2e/graph.graphml --depth 2
    exit_is 2 && err_has "--depth is the number of hops around --ego" || return 1
    : >net.gexf
    run "$E" report net.gexf
    exit_is 2 && err_has "net.gexf is a GEXF file; report reads a network as GraphML" || return 1
    run "$E" report e2e/graph.graphml --community 9999
    exit_is 2 && err_has "--community: no community 9999 (this network's are numbered 0 to" || return 1
    run "$E" report e2e/graph.graphml --community 0
    exit_is 0
}
check "report: --depth without --ego, a GEXF file and a community the network lacks are usage errors" t_report_refuses_other_outputs

t_gexf_version() {
    run "$E" build "$CORPUS" -o gv -f gexf --gexf-version 1.2 -q
    exit_is 0 && { grep -q 'xmlns="http://www.gexf.net/1.2draft"' gv/graph.gexf && grep -q 'version="1.2"' gv/graph.gexf ||
        no "not a GEXF 1.2draft file"; } || return 1
    run "$E" build "$CORPUS" -o gv3 -f gexf --gexf-version 2
    exit_is 2 && err_has "--gexf-version wants 1.2 or 1.3" || return 1
    if $have_python && python3 -c 'import networkx' 2>/dev/null; then
        python3 -c 'import networkx as nx, sys; g = nx.read_gexf("gv/graph.gexf"); sys.exit(g.number_of_nodes() == 0)' ||
            no "networkx cannot read the 1.2 file"
    else
        skip_part "networkx is not installed"
    fi
}
check "--gexf-version 1.2: GEXF under 1.2draft's names, which networkx reads; a bad version is a usage error" t_gexf_version

# (bad inputs: tests/bad_inputs.sh)

# --- standard input and JSON Lines input -------------------------------------

t_stdin() {
    printf 'Sergei Pospelov met Angela Merkel in Berlin.' >stdin.txt
    run "$E" extract - <stdin.txt
    exit_is 0 && lines_are 1 && out_has '"doc":"-"' && out_has '"Sergei Pospelov"'
}
check "extract - reads standard input as one document \"-\"" t_stdin

t_lexicon_places() {
    mkdir -p lex && printf 'Vesterhavn\tNOR\n' >lex/places.txt
    printf 'Kari Moe works at Vesterhavn University, the largest in Norway.' >place.txt
    run "$E" extract --lexicon lex/places.txt - <place.txt
    exit_is 0 && out_has '"kind":"country_of","source":"Vesterhavn University","source_type":"body","target":"Norway"'
}
check "--lexicon places.txt: a place with its state gives the bodies named after it that state" t_lexicon_places

t_lexicon_bad_state() {
    mkdir -p lex && printf 'Vesterhavn\tXXX\n' >lex/places.txt
    run "$E" extract --lexicon lex/places.txt - <place.txt
    exit_is 1 && err_has "lex/places.txt:1: 'XXX' is the code of no state"
}
check "--lexicon places.txt with an unknown state code: exit 1, naming the file and line" t_lexicon_bad_state

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
    exit_is 0 && line_has 1 "rank,id,label,type,pagerank" && lines_are 4 || return 1
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

t_sources() {
    # the sample's largest component has more than 2 nodes: estimated, and said so
    run "$E" build "$CORPUS" -o src -q --sources 2 --by betweenness
    exit_is 0 && out_has "approximated: betweenness (estimated from 2 sources a component)" || return 1
    grep -q 'betweenness_sources' src/graph.graphml || { echo "# graph.graphml lacks betweenness_sources"; return 1; }
    run "$E" report src/graph.graphml --exact --by betweenness
    exit_is 0 && ! out_has "approximated" || return 1
    # the searches on one thread or two: the same bytes
    run "$E" build "$CORPUS" -o src1 -q --sources 3 -j 1
    exit_is 0 || return 1
    run "$E" build "$CORPUS" -o src3 -q --sources 3 -j 2
    exit_is 0 || return 1
    cmp -s src1/graph.graphml src3/graph.graphml || { echo "# -j 1 and -j 2 differ"; return 1; }
    run "$E" build "$CORPUS" -o src2 -q --sources 1
    exit_is 2 && err_has "--sources wants"
}
check "--sources estimates the path metrics from sampled sources, and says so" t_sources

t_metrics_choice() {
    run "$E" build "$CORPUS" -o mfast -q --metrics fast -f csv
    exit_is 0 && out_has "Top 10 by pagerank" || return 1
    head -n 1 mfast/metrics.csv | grep -q pagerank || { echo "# metrics.csv lacks pagerank"; return 1; }
    if grep -q 'attr.name="betweenness"' mfast/graph.graphml || head -n 1 mfast/metrics.csv | grep -q closeness; then
        echo "# --metrics fast still wrote a path metric"; return 1
    fi
    run "$E" build "$CORPUS" -o mdeg -q --metrics degree
    exit_is 0 && out_has "Top 10 by degree" || return 1
    [ "$(head -n 1 mdeg/metrics.csv)" = "id,label,type,mentions,documents,first_date,last_date,website,degree" ] ||
        { echo "# metrics.csv: $(head -n 1 mdeg/metrics.csv)"; return 1; }
    run "$E" report mdeg/graph.graphml --metrics degree,community --by community --top 1
    exit_is 0 && out_has "community" || return 1
    run "$E" build "$CORPUS" -o mbad -q --metrics degree,nonsense
    exit_is 2 && err_has "--metrics wants" && err_has "'degree,nonsense'" && absent mbad || return 1
    run "$E" build "$CORPUS" -o mbad -q --metrics degree --color-by community
    exit_is 2 && err_has "--color-by community needs the community metric" && absent mbad
}
check "--metrics computes the metrics named (fast: no path metrics); the report and the sizes follow; unknown names and a missing community are usage errors" t_metrics_choice

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
    exit_is 0 && line_has 1 "rank,id,label,type,pagerank" && lines_are 3 || return 1
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

t_train_runs() {
    run "$E" train "$TRAIN" --epochs 3 --folds 2 --runs 3 -o r1.egm -q
    exit_is 0 && nonempty r1.egm || return 1
    run "$E" train "$TRAIN" --epochs 3 --folds 2 --runs 3 -o r2.egm -q
    exit_is 0 && same r1.egm r2.egm || return 1
    run "$E" train "$TRAIN" --epochs 3 --folds 2 -o r3.egm -q
    cmp -s r1.egm r3.egm && { echo "# three runs averaged gave the bytes of one run"; return 1; }
    grep -q "3 runs averaged" r1.egm || { echo "# the model's note does not say it averages 3 runs"; return 1; }
    printf 'Halvor Strand met Oskar Lind in Estonia.\n' >t.txt
    run "$E" extract t.txt --model r1.egm
    exit_is 0 && out_has '"mentions"' || return 1
    run "$E" train "$TRAIN" --runs 0 -o r4.egm
    exit_is 2 && err_has "--runs"
}
check "train --runs 3 averages three runs: the same bytes twice, other bytes than one run, a usable model; --runs 0 is refused" t_train_runs

t_train_pairs() {
    local data=$SRC/tests/data/pairs-train.jsonl
    run "$E" train --pairs "$data" -o p1.egp
    exit_is 0 && nonempty p1.egp && err_has "9 documents" && err_has "5 true" || return 1
    run "$E" train --pairs "$data" -o p2.egp -q
    exit_is 0 && same p1.egp p2.egp || return 1
    printf 'Markets fell, said Jon Vik, who runs the trading desk at Narvik Metals Company.\n' >vik.txt
    run "$E" extract vik.txt --pair-model p1.egp
    exit_is 0 && out_has '"kind":"role","source":"Jon Vik"' || return 1
    run "$E" extract vik.txt --no-model
    exit_is 0 && ! grep -q '"kind":"role"' out || no "--no-model still scored the pairs"
}
check "train --pairs writes a scorer of role links, the same bytes twice; --pair-model uses it" t_train_pairs

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

tap_finish

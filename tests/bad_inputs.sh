#!/usr/bin/env bash
# tests/bad_inputs.sh - the bad-input catalogue: every kind of input a user
# can hand entigraph by mistake or by bad luck (odd files and folders, broken
# JSON Lines, broken extract output and GraphML, unwritable or interrupted
# outputs, broken models and aliases files), one TAP case each. Each case
# asserts the exit status, the message (naming the file and the position
# where there is one), and that nothing was lost (every good document kept)
# or left behind (no half-written output, no temporary file).
#
# usage: tests/bad_inputs.sh ENTIGRAPH SOURCE_ROOT
# Self-contained: works in a temporary folder, removed at exit. Runs under
# the sanitizer build too (scripts/test), where a crash is a failed case.
set -u

# shellcheck source=tests/tap.sh
. "$(dirname "$0")/tap.sh"

GOOD='Ann Lee met Bo Dahl in Oslo.'
BINARY='ELF\000\001\002\003binary\000data'

# no_temporary DIR - no temporary output file is left in DIR
no_temporary() { [ -z "$(ls -a "$1" 2>/dev/null | grep '\.tmp\.')" ] || no "$1 holds $(ls -a "$1" | grep '\.tmp\.')"; }
# valid_utf8 FILE - FILE is valid UTF-8
valid_utf8() { iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || no "$1 is not valid UTF-8"; }
# one good document in its own folder, and the whole sample's extract output
mkdir -p good && printf '%s\n' "$GOOD" >good/a.txt
"$E" extract "$CORPUS" >all.jsonl 2>/dev/null

# --- documents: files, folders, standard input ------------------------------

t_missing_file() {
    run "$E" build no-such-file.txt -o a1
    exit_is 1 && err_has "no-such-file.txt" && absent a1
}
check "a missing input file: exit 1 naming it, nothing written" t_missing_file

t_empty_file() {
    : >empty.txt
    run "$E" build empty.txt -o a2
    exit_is 0 && err_has "empty.txt: empty document" && nonempty a2/graph.graphml
}
check "an empty file: a warning naming it; the build succeeds" t_empty_file

t_blank_file() {
    printf '  \n\n\t \r\n' >blank.txt
    run "$E" extract blank.txt
    exit_is 0 && lines_are 1 && out_has '"doc":"blank.txt"'
}
check "a file of blank lines: kept as a document without sentences" t_blank_file

t_invalid_utf8() {
    printf 'Sergei Pospelov met \377\376 Angela Merkel in Berlin.' >latin.txt
    run "$E" extract latin.txt
    exit_is 0 && err_has "latin.txt" && err_has "byte offset 20" && lines_are 1 && valid_utf8 out &&
        out_has '"Angela Merkel"'
}
check "invalid UTF-8: a warning with the file and byte offset; the text kept, the output valid UTF-8" t_invalid_utf8

t_binary_named() {
    printf "$BINARY" >blob.txt
    run "$E" build blob.txt -o a5
    exit_is 1 && err_has "blob.txt: not a text file" && absent a5
}
check "a binary file named on the command line: exit 1, 'not a text file', nothing written" t_binary_named

t_binary_in_folder() {
    mkdir -p mixed && printf "$BINARY" >mixed/blob.dat && printf '%s\n' "$GOOD" >mixed/a.txt
    run "$E" extract mixed
    exit_is 0 && lines_are 1 && err_has "mixed/blob.dat: skipped: not a text file"
}
check "a binary file in a folder: skipped with a warning, the text files kept" t_binary_in_folder

t_binary_folder() {
    mkdir -p binonly && printf "$BINARY" >binonly/blob.txt
    run "$E" build binonly -o a7
    exit_is 1 && err_has "no documents" && absent a7/graph.graphml
}
check "a folder holding only a binary file: exit 1, 'no documents', nothing written" t_binary_folder

t_gzip_named() {
    gzip -c good/a.txt >a.txt.gz
    run "$E" extract a.txt.gz
    exit_is 1 && err_has "a.txt.gz: not a text file" && lines_are 0
}
check "a compressed file named: exit 1, 'not a text file'" t_gzip_named

t_utf16() {
    # "Unicode" text as Windows editors save it: a byte order mark, then UTF-16
    printf '\377\376' >u16le.txt && printf '%s\n' "$GOOD" | iconv -f UTF-8 -t UTF-16LE >>u16le.txt
    printf '\376\377' >u16be.txt && printf '%s\n' "$GOOD" | iconv -f UTF-8 -t UTF-16BE >>u16be.txt
    run "$E" extract u16le.txt u16be.txt
    exit_is 0 && lines_are 2 && [ "$(grep -c '"entity":"Bo Dahl"' out)" -eq 2 ] || no "not read as text: $(head -c 300 out)"
}
check "UTF-16 text with a byte order mark (either order): read as text" t_utf16

t_odd_name_and_bom() {
    mkdir -p odd && printf '\357\273\277Big News Today\n\n%s\n' "$GOOD" >"odd/caf$(printf '\351').txt"
    run "$E" extract odd
    exit_is 0 && lines_are 1 && valid_utf8 out && out_has '"title":"Big News Today"' && out_has '"doc":"caf\ufffd.txt"' ||
        out_has "\"doc\":\"caf$(printf '\357\277\275').txt\""
}
check "a file name in another encoding, a UTF-8 byte order mark: valid UTF-8 out, a clean title" t_odd_name_and_bom

t_dangling_link() {
    mkdir -p dl && printf '%s\n' "$GOOD" >dl/a.txt && ln -s /nonexistent/x.txt dl/gone.txt
    run "$E" extract dl
    exit_is 0 && lines_are 1 && err_has "dl/gone.txt: skipped"
}
check "a dangling link in a folder: a warning naming it, the rest kept" t_dangling_link

t_fifo_in_folder() {
    mkdir -p ff && printf '%s\n' "$GOOD" >ff/a.txt && mkfifo ff/pipe
    run timeout 20 "$E" extract ff
    exit_is 0 && lines_are 1 && err_has "ff/pipe: skipped: not a regular file"
}
check "a named pipe in a folder: skipped, never waited on" t_fifo_in_folder

t_device_link_in_folder() {
    [ -r /dev/zero ] || { skip_part "no /dev/zero"; return 0; }
    mkdir -p dv && printf '%s\n' "$GOOD" >dv/a.txt && ln -s /dev/zero dv/zero.txt
    run timeout 20 "$E" extract dv
    exit_is 0 && lines_are 1 && err_has "dv/zero.txt: skipped"
}
check "a link to an endless device in a folder: skipped at once" t_device_link_in_folder

t_link_loops() {
    mkdir -p lk && printf '%s\n' "$GOOD" >lk/a.txt
    ln -s . lk/self && ln -s a.txt lk/b.txt && mkdir lk/sub && ln -s .. lk/sub/up
    run timeout 60 "$E" extract lk
    exit_is 0 && lines_are 1 && err_has "lk/self: skipped: read already" && err_has "lk/b.txt: skipped"
}
check "link loops and links to files: each folder and file read once" t_link_loops

t_same_file_twice() {
    run "$E" extract good/a.txt good/a.txt good
    exit_is 0 && lines_are 1
}
check "the same file named twice, and in a folder named too: read once" t_same_file_twice

t_endless_named() {
    [ -r /dev/zero ] || { skip_part "no /dev/zero"; return 0; }
    run timeout 20 "$E" extract /dev/zero
    exit_is 1 && err_has "/dev/zero: not a text file" && lines_are 0
}
check "an endless device named (/dev/zero): exit 1 at once, never a hang" t_endless_named

head -c 2100000 /dev/zero | tr '\0' 'a' >huge.txt

t_too_large_named() {
    run timeout 20 "$E" build huge.txt -o a18 --max-document-size 2
    exit_is 1 && err_has "huge.txt: larger than 2097152 bytes" && absent a18
}
check "a file over --max-document-size named: exit 1 with its name and the limit, nothing written" t_too_large_named

t_too_large_in_folder() {
    mkdir -p big && printf '%s\n' "$GOOD" >big/a.txt && cp huge.txt big/huge.txt
    run timeout 20 "$E" extract big --max-document-size 2
    exit_is 3 && lines_are 1 && err_has "big/huge.txt: skipped: larger than" && err_has "1 input skipped" || return 1
    run timeout 20 "$E" extract big --max-document-size 2 --strict
    exit_is 1 && err_has "big/huge.txt: larger than"
}
check "a file over the limit in a folder: skipped and counted (exit 3), the rest kept; --strict: exit 1" t_too_large_in_folder

t_bad_size_option() {
    run "$E" extract good --max-document-size 0
    exit_is 2 && err_has "max-document-size" || return 1
    run "$E" extract good --max-document-size lots
    exit_is 2 && err_has "max-document-size"
}
check "--max-document-size 0 or not a number: a usage error (exit 2)" t_bad_size_option

t_parts() {
    # 1.5 MB of one paragraph repeated: read in parts of 1 MB, or whole
    for i in $(seq 1 30000); do printf 'Anna Lunde met Jon Brekke in Bergen on day %d.\n\n' "$i"; done >long.txt
    run timeout 60 "$E" extract long.txt
    exit_is 0 && lines_are 1 && grep -q '"sentence":29999' out || no "the last sentence's mentions not numbered in the whole" || return 1
    cp out parts.jsonl
    run timeout 60 "$E" extract long.txt --part-size 0
    exit_is 0 && lines_are 1 && cmp -s out parts.jsonl || no "parts differ from the whole on text with nothing to resolve across them" || return 1
    run "$E" extract long.txt --part-size lots
    exit_is 2 && err_has "part-size" || return 1
    # its line, written a block at a time, is the document build reads
    run timeout 60 "$E" graph parts.jsonl -o long-g
    exit_is 0 || return 1
    run timeout 60 "$E" build long.txt -o long-b
    exit_is 0 && cmp -s long-g/graph.graphml long-b/graph.graphml || no "graph of the streamed line differs from build" || return 1
    [ -w /dev/full ] || return 0
    "$E" extract long.txt >/dev/full 2>err
    rc=$?
    exit_is 1 && err_has "writing output failed"
}
check "a document longer than --part-size is read in parts (the same output where nothing joins across them), its line written as it is made (the same network as build; a full disk reported); a bad size is a usage error" t_parts

t_empty_folder() {
    mkdir -p nothing
    run "$E" extract nothing
    exit_is 1 && err_has "no documents" && [ "$(wc -l <err)" -eq 1 ] || no "stderr: $(cat err)"
}
check "an empty folder: exit 1, 'no documents', said once" t_empty_folder

t_unreadable_file() {
    if [ "$(id -u)" -eq 0 ]; then
        skip_part "running as root: permissions do not apply"
        return 0
    fi
    printf '%s\n' "$GOOD" >locked.txt && chmod 000 locked.txt
    run "$E" extract locked.txt
    exit_is 1 && err_has "locked.txt: cannot open"
}
check "a file without read permission: exit 1 naming it" t_unreadable_file

t_empty_stdin() {
    run "$E" extract - </dev/null
    exit_is 0 && lines_are 1 && err_has "standard input: empty document"
}
check "empty standard input: a warning, one empty document" t_empty_stdin

t_binary_stdin() {
    printf "$BINARY" >blob.bin
    run "$E" extract - <blob.bin
    exit_is 1 && err_has "standard input: not text" && lines_are 0
}
check "binary standard input: exit 1, 'not text'" t_binary_stdin

t_line_ends() {
    printf 'Ann Lee met Bo Dahl in Oslo.\nTony Blair spoke in London.\n' >unix.txt
    printf 'Ann Lee met Bo Dahl in Oslo.\r\nTony Blair spoke in London.\r\n' >dos.txt
    printf 'Ann Lee met Bo Dahl in Oslo.\rTony Blair spoke in London.\r' >mac.txt
    local f
    for f in unix dos mac; do
        run "$E" extract $f.txt
        exit_is 0 || return 1
        grep -o '"entity":"[^"]*"' out | sort -u >$f.names
    done
    same unix.names dos.names && same unix.names mac.names
}
check "Windows and old Mac line ends: the same names as Unix ones" t_line_ends

t_one_endless_word() {
    head -c 1000000 /dev/zero | tr '\0' 'x' >word.txt
    run timeout 60 "$E" extract word.txt
    exit_is 0 && lines_are 1
}
check "one word of a million letters: done in time, one document" t_one_endless_word

t_late_nul() {
    { head -c 9000 /dev/zero | tr '\0' ' '; printf 'Ann Lee met Bo Dahl.\000 Tony Blair spoke in London.\n'; } >latenul.txt
    run "$E" extract latenul.txt
    exit_is 0 && err_has "latenul.txt" && err_has "not valid UTF-8" && out_has '"entity":"Tony Blair"'
}
check "a NUL byte deep in a text file: replaced and warned of, the text after it kept" t_late_nul

# --- JSON Lines documents ----------------------------------------------------

t_jsonl_not_json() {
    printf '{"text": "%s"}\nnot json\n{"text": "Tony Blair met Gordon Brown."}\n' "$GOOD" >j1.jsonl
    run "$E" extract j1.jsonl
    exit_is 3 && lines_are 2 && err_has "j1.jsonl:2: skipped: not a JSON object" && err_has "1 input skipped"
}
check "a JSON line that is not JSON: skipped with FILE:LINE, the rest kept, exit 3" t_jsonl_not_json

t_jsonl_trailing_garbage() {
    printf '{"text": "%s"} garbage\n{"text": "Tony Blair met Gordon Brown."}\n' "$GOOD" >j2.jsonl
    run "$E" extract j2.jsonl
    exit_is 3 && lines_are 1 && err_has "j2.jsonl:1: skipped"
}
check "a JSON object followed by garbage on its line: skipped" t_jsonl_trailing_garbage

t_jsonl_not_object() {
    printf '[1, 2]\n"a string"\n{"text": "%s"}\n' "$GOOD" >j3.jsonl
    run "$E" extract j3.jsonl
    exit_is 3 && lines_are 1 && err_has "j3.jsonl:1: skipped: not a JSON object" && err_has "j3.jsonl:2: skipped"
}
check "JSON lines that are an array or a string: skipped" t_jsonl_not_object

t_jsonl_no_text() {
    printf '{"id": 3}\n{"id": 4, "text": 17}\n{"text": null}\n{"text": "%s"}\n' "$GOOD" >j4.jsonl
    run "$E" extract j4.jsonl
    exit_is 3 && lines_are 1 && err_has 'j4.jsonl:1: skipped: no "text" string' && err_has "j4.jsonl:2: skipped" &&
        err_has "j4.jsonl:3: skipped" && err_has "3 inputs skipped"
}
check "JSON lines without a \"text\" string (missing, a number, null): skipped" t_jsonl_no_text

t_jsonl_deep() {
    { head -c 100000 /dev/zero | tr '\0' '['; echo; printf '{"text": "%s"}\n' "$GOOD"; } >j5.jsonl
    run timeout 20 "$E" extract j5.jsonl
    exit_is 3 && lines_are 1 && err_has "j5.jsonl:1: skipped"
}
check "a JSON line nested 100,000 deep: skipped, no stack overflow" t_jsonl_deep

t_jsonl_long_line() {
    { printf '{"text": "%s"}\n{"text": "' "$GOOD"; cat huge.txt huge.txt; printf '"}\n{"text": "Tony Blair spoke."}\n'; } >j6.jsonl
    run timeout 20 "$E" extract j6.jsonl --max-document-size 2
    exit_is 3 && lines_are 2 && err_has "j6.jsonl:2: skipped: a line longer than"
}
check "a JSON line over twice the size limit: skipped to the next line, the rest kept" t_jsonl_long_line

t_jsonl_large_text() {
    { printf '{"text": "'; cat huge.txt; printf '"}\n{"text": "%s"}\n' "$GOOD"; } >j7.jsonl
    run timeout 20 "$E" extract j7.jsonl --max-document-size 2
    exit_is 3 && lines_are 1 && err_has "j7.jsonl:1: skipped: its text is larger than"
}
check "a JSON text over the size limit: skipped and counted" t_jsonl_large_text

t_jsonl_strict() {
    printf '{"text": "%s"}\nnot json\n{"text": "Tony Blair met Gordon Brown."}\n' "$GOOD" >j8.jsonl
    run "$E" extract --strict j8.jsonl
    exit_is 1 && err_has "j8.jsonl:2: not a JSON object" && lines_are 1 || return 1
    run "$E" build --strict j8.jsonl -o a33
    exit_is 1 && absent a33/graph.graphml
}
check "--strict: the first bad JSON line ends the run (exit 1), nothing built" t_jsonl_strict

t_jsonl_many_bad_lines() {
    { printf '{"text": "%s"}\n' "$GOOD"; for i in $(seq 1 50); do echo "<line $i/>"; done; } >j9.jsonl
    run "$E" extract j9.jsonl
    exit_is 3 && lines_are 1 && err_has "j9.jsonl:11: skipped" && err_has "more lines skipped" &&
        err_has "50 inputs skipped" || return 1
    [ "$(wc -l <err)" -le 13 ] || no "$(wc -l <err) lines of warnings for one file"
}
check "a file of another kind given as JSON Lines: ten warnings, then a count" t_jsonl_many_bad_lines

t_jsonl_invalid_utf8() {
    printf '{"text": "Ann Lee met \377\376 Bo Dahl in Oslo."}\n' >j10.jsonl
    run "$E" extract j10.jsonl
    exit_is 0 && lines_are 1 && err_has "j10.jsonl:1" && err_has "not valid UTF-8" && valid_utf8 out
}
check "invalid UTF-8 inside a JSON string: warned with FILE:LINE, replaced, kept" t_jsonl_invalid_utf8

t_jsonl_blank_and_crlf() {
    printf '\n{"text": "%s"}\r\n   \r\n{"text": "Tony Blair spoke."}\r\n\n' "$GOOD" >j11.jsonl
    run "$E" extract j11.jsonl
    exit_is 0 && lines_are 2 && [ ! -s err ] || no "stderr: $(cat err)"
}
check "blank lines and Windows line ends in JSON Lines: no warning, every document" t_jsonl_blank_and_crlf

# --- extract output given to graph -------------------------------------------

t_graph_malformed() {
    head -n 1 all.jsonl >broken.jsonl && echo '{"doc": broken' >>broken.jsonl && sed -n 2p all.jsonl >>broken.jsonl
    run "$E" graph broken.jsonl -o c1
    exit_is 3 && err_has "broken.jsonl:2: skipped" && err_has "2 documents" && nonempty c1/graph.graphml || return 1
    run "$E" graph broken.jsonl -o c1b --strict
    exit_is 1 && err_has "broken.jsonl:2" && absent c1b/graph.graphml
}
check "graph: a malformed line skipped with FILE:LINE, exit 3 (--strict: exit 1, nothing written)" t_graph_malformed

S='"sentences":[{"start":0,"end":30,"paragraph":0,"line":"0000000000000001"}]'
M='{"start":0,"end":7,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":0}'
printf '{"doc":"a",%s,"mentions":[%s],"relations":[]}\n' "$S" "$M" >g-ok.jsonl

t_graph_end_before_start() {
    printf '{"doc":"b",%s,"mentions":[{"start":9,"end":3,"type":"person","text":"Ann","entity":"Ann","form":"name","sentence":0}],"relations":[]}\n' "$S" >g1.jsonl
    run "$E" graph g-ok.jsonl g1.jsonl -o c2
    exit_is 3 && err_has "g1.jsonl:1: skipped" && err_has "before it starts" && nonempty c2/graph.graphml || return 1
    run "$E" graph g-ok.jsonl g1.jsonl -o c2b --strict
    exit_is 1 && absent c2b/graph.graphml
}
check "graph: a mention ending before it starts: FILE:LINE, the line skipped" t_graph_end_before_start

t_graph_sentence_out_of_range() {
    printf '{"doc":"b",%s,"mentions":[{"start":0,"end":7,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":4}],"relations":[]}\n' "$S" >g2.jsonl
    run "$E" graph g2.jsonl -o c3 --strict
    exit_is 1 && err_has "g2.jsonl:1" && err_has "sentence 4 of 1" && absent c3/graph.graphml
}
check "graph: a mention in a sentence that does not exist: FILE:LINE" t_graph_sentence_out_of_range

t_graph_outside_sentence() {
    printf '{"doc":"b",%s,"mentions":[{"start":0,"end":90,"type":"person","text":"Ann Lee","entity":"Ann Lee","form":"name","sentence":0}],"relations":[]}\n' "$S" >g3.jsonl
    run "$E" graph g3.jsonl -o c4 --strict
    exit_is 1 && err_has "g3.jsonl:1" && err_has "outside its sentence"
}
check "graph: a mention outside its sentence: FILE:LINE" t_graph_outside_sentence

t_graph_unknown_relation_name() {
    printf '{"doc":"b",%s,"mentions":[%s],"relations":[{"kind":"role","source":"Ann Lee","source_type":"person","target":"Nobody Corp","target_type":"body","role":"CEO","sentence":0,"start":0,"end":30,"evidence":"x"}]}\n' "$S" "$M" >g4.jsonl
    run "$E" graph g4.jsonl -o c5 --strict
    exit_is 1 && err_has "g4.jsonl:1" && err_has "Nobody Corp" && err_has "no mention names"
}
check "graph: a relation naming an entity no mention names: FILE:LINE" t_graph_unknown_relation_name

t_graph_endless() {
    [ -r /dev/zero ] || { skip_part "no /dev/zero"; return 0; }
    run timeout 20 "$E" graph /dev/zero -o c6 --max-document-size 1
    exit_is 1 && err_has "/dev/zero:1: a line longer than" && absent c6/graph.graphml
}
check "graph on an endless input: exit 1 at once, nothing written" t_graph_endless

t_graph_given_graphml() {
    "$E" build good -o gm -q >/dev/null 2>&1
    run "$E" graph gm/graph.graphml -o c7
    exit_is 1 && err_has "gm/graph.graphml:1: skipped" && err_has "more lines skipped" && err_has "no documents" &&
        absent c7/graph.graphml || return 1
    [ "$(wc -l <err)" -le 13 ] || no "$(wc -l <err) lines of warnings"
}
check "graph given a GraphML file: ten warnings, 'no documents', nothing written" t_graph_given_graphml

# --- GraphML given to report -------------------------------------------------

"$E" build "$CORPUS" -o sample -q >/dev/null 2>&1

t_report_truncated() {
    head -c 5000 sample/graph.graphml >trunc.graphml
    run "$E" report trunc.graphml
    exit_is 1 && err_has "trunc.graphml:" && err_has "not a GraphML file" && lines_are 0
}
check "report on a truncated GraphML file: exit 1 with FILE:LINE" t_report_truncated

t_report_not_xml() {
    echo hello >notxml.graphml
    run "$E" report notxml.graphml
    exit_is 1 && err_has "notxml.graphml:1: not a GraphML file"
}
check "report on a .graphml file that is not XML: exit 1 with FILE:LINE" t_report_not_xml

t_report_external_entity() {
    printf '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="label" for="node" attr.name="label" attr.type="string"/><key id="type" for="node" attr.name="type" attr.type="string"/><graph edgedefault="undirected"><node id="n0"><data key="label">&x;</data><data key="type">person</data></node></graph></graphml>\n' >xxe.graphml
    run "$E" report xxe.graphml --by mentions --format csv
    ! grep -q 'root:' out || no "the external entity was read"
}
check "report on GraphML with an external entity: the entity is never read" t_report_external_entity

t_report_entity_bomb() {
    local d='<!ENTITY a "aaaaaaaaaa">' prev=a e
    for e in b c d e f g h i; do
        d="$d<!ENTITY $e \"$(printf "&$prev;%.0s" 1 2 3 4 5 6 7 8 9 10)\">"
        prev=$e
    done
    printf '<?xml version="1.0"?>\n<!DOCTYPE l [%s]>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected"><node id="n0"><data key="label">&i;</data></node></graph></graphml>\n' "$d" >bomb.graphml
    run timeout 20 "$E" report bomb.graphml
    exit_is 1 && err_has "bomb.graphml:" && err_has "not a GraphML file"
}
check "report on an entity bomb: refused at once (exit 1)" t_report_entity_bomb

t_report_undeclared_key() {
    printf '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected">\n<node id="n0"><data key="nosuch">x</data></node></graph></graphml>\n' >undeclared.graphml
    run "$E" report undeclared.graphml
    exit_is 1 && err_has "undeclared.graphml:3" && err_has "nosuch"
}
check "report on GraphML using an undeclared key: exit 1 with FILE:LINE" t_report_undeclared_key

# --- outputs -----------------------------------------------------------------

t_output_under_file() {
    : >plainfile
    run "$E" build good -o plainfile/out
    exit_is 1 && err_has "plainfile/out" && absent plainfile/out
}
check "an output folder under a regular file: exit 1, nothing written" t_output_under_file

t_empty_output_name() {
    run "$E" build good -o ''
    exit_is 2 && err_has "output folder's name is empty"
}
check "-o '': a usage error, not a crash" t_empty_output_name

t_output_readonly() {
    if [ "$(id -u)" -eq 0 ]; then
        skip_part "running as root: permissions do not apply"
        return 0
    fi
    mkdir -p readonly && chmod 555 readonly
    run "$E" build good -o readonly
    exit_is 1 && err_has "readonly" && empty_dir readonly
}
check "an output folder without write permission: exit 1, nothing in it" t_output_readonly

t_output_file_blocked() {
    mkdir -p blocked/graph.graphml
    run "$E" build good -o blocked
    exit_is 1 && err_has "graph.graphml" && only_entry blocked graph.graphml
}
check "graph.graphml cannot be replaced (a folder is in the way): exit 1, no temporary file" t_output_file_blocked

t_output_set() {
    run "$E" build "$CORPUS" -o set -f all
    exit_is 0 || return 1
    (cd set && cksum * | sort) >before.txt
    rm -f set/graph.svg && mkdir -p set/graph.svg/x
    run "$E" build good -o set -f all
    exit_is 1 && err_has "graph.svg: a folder is in the way" || return 1
    (cd set && cksum $(ls | grep -v '^graph.svg$') | sort) >after.txt
    grep -v ' graph.svg$' before.txt >before2.txt
    same before2.txt after.txt && no_temporary set
}
check "a run that fails writing one file keeps the whole old set, no temporary file" t_output_set

t_full_disk_stdout() {
    [ -w /dev/full ] || { skip_part "no /dev/full"; return 0; }
    "$E" extract good >/dev/full 2>err
    rc=$?
    exit_is 1 && err_has "writing output failed" || return 1
    "$E" report sample/graph.graphml >/dev/full 2>err
    rc=$?
    exit_is 1 && err_has "failed"
}
check "a full disk under standard output (/dev/full): exit 1 with the reason" t_full_disk_stdout

# interrupt SIGNAL NAME - a signal at any moment of a build leaves the old
# set of files or the new one, whole, and no temporary file
interrupt() {
    local sig=$1 dir=intr-$2 delay pid
    run "$E" build good -o "$dir" -f all
    exit_is 0 || return 1
    (cd "$dir" && cksum * | sort) >"$dir-old.txt"
    run "$E" build "$CORPUS" -o "$dir-new" -f all
    exit_is 0 || return 1
    (cd "$dir-new" && cksum * | sort) >"$dir-new.txt"
    # EG_TEST_WRITE_PAUSE_MS holds the run 100 ms after each file it writes
    # (ten files: a second of writing), so that most of these land mid-write
    for delay in 0.05 0.3 0.5 0.7 0.9 1.1 2; do
        EG_TEST_WRITE_PAUSE_MS=100 "$E" build "$CORPUS" -o "$dir" -f all -q >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -"$sig" "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        no_temporary "$dir" || { why="$sig after ${delay}s: $why"; return 1; }
        (cd "$dir" && cksum * | sort) >"$dir-now.txt"
        cmp -s "$dir-now.txt" "$dir-old.txt" || cmp -s "$dir-now.txt" "$dir-new.txt" ||
            no "$sig after ${delay}s left a mixed set" || return 1
        if cmp -s "$dir-now.txt" "$dir-new.txt"; then
            "$E" build good -o "$dir" -f all -q >/dev/null 2>&1 # back to the old set
        fi
    done
}
t_sigint() { interrupt INT int; }
check "SIGINT at any moment leaves the old set or the new one, whole, no temporary file" t_sigint
t_sigterm() { interrupt TERM term; }
check "SIGTERM at any moment leaves the old set or the new one, whole, no temporary file" t_sigterm

t_own_outputs() {
    mkdir -p own && printf '%s\n' "$GOOD" >own/a.txt
    run "$E" build own -o own -f all
    exit_is 0 && err_has "1 document (" || return 1
    run "$E" build own -o own -f all
    exit_is 0 && err_has "1 document (" && err_has "skipped: an output of this run" || return 1
    run "$E" build own -o own/sub
    exit_is 0 || return 1
    run "$E" build own -o own/sub
    exit_is 0 && err_has "own/sub: skipped: an output of this run"
}
check "build d -o d (or d/sub) again reads none of its own outputs" t_own_outputs

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
    # JSON Lines, shuffled
    tac all.jsonl >rev.jsonl
    run "$E" graph all.jsonl -o ord3 -f all
    run "$E" graph rev.jsonl -o ord4 -f all
    for f in $(ls ord3); do
        same ord3/$f ord4/$f || return 1
    done
}
check "the same documents in another order give the same bytes in every file" t_order_independent

# --- models, aliases files, training data ------------------------------------

t_missing_model() {
    run "$E" extract good --model nosuch.egm
    exit_is 1 && err_has "nosuch.egm" && lines_are 0
}
check "a missing model: exit 1 naming it" t_missing_model

t_truncated_model() {
    head -c 1000 "$SRC/models/default.egm" >cut.egm
    run "$E" extract good --model cut.egm
    exit_is 1 && err_has "cut.egm" && err_has "truncated" && lines_are 0
}
check "a truncated model: exit 1, 'truncated'" t_truncated_model

t_garbage_model() {
    head -c 3000 "$SRC/examples/csto/$(ls "$SRC/examples/csto" | head -n 1)" >text.egm
    run "$E" extract good --model text.egm
    exit_is 1 && err_has "text.egm: not an entigraph model" || return 1
    run "$E" extract good --model good
    exit_is 1 && err_has "good"
}
check "a model file that is no model, or a folder: exit 1 naming it" t_garbage_model

t_bad_pair_model() {
    head -c 1000 "$SRC/models/default.egm" >tagger.egp
    run "$E" extract good --pair-model tagger.egp
    exit_is 1 && err_has "tagger.egp: not an entigraph pair model" && lines_are 0 || return 1
    run "$E" extract good --pair-model nosuch.egp
    exit_is 1 && err_has "nosuch.egp"
}
check "a pair model that is no pair model, or missing: exit 1 naming it" t_bad_pair_model

t_train_pairs_no_true_pair() {
    printf '{"text": "Ann Lee met Bo Dahl.", "entities": [], "relations": []}\n' >nopairs.jsonl
    run "$E" train --pairs nopairs.jsonl -o nopairs.egp
    exit_is 1 && err_has "no true pair" && absent nopairs.egp || return 1
    printf '{"text": "Ann Lee", "entities": [{"type": "Peop", "start": 0, "end": 7}], "relations": [{"type": "Work_For", "head": 0, "tail": 5}]}\n' >badrel.jsonl
    run "$E" train --pairs badrel.jsonl -o badrel.egp
    exit_is 1 && err_has "badrel.jsonl:1" && absent badrel.egp
}
check "pair training data without a true pair, or naming an entity that is not there: exit 1, no model" t_train_pairs_no_true_pair

t_endless_side_files() {
    [ -r /dev/zero ] || { skip_part "no /dev/zero"; return 0; }
    run timeout 30 "$E" extract good --pair-model /dev/zero
    exit_is 1 && err_has "/dev/zero: larger than" && lines_are 0 || return 1
    run timeout 30 "$E" build good -o f9 --aliases /dev/zero
    exit_is 1 && err_has "/dev/zero: larger than" && absent f9 || return 1
    run timeout 30 "$E" extract good --model /dev/zero
    exit_is 1 && err_has "/dev/zero: not a model file"
}
check "an endless device as a model, pair model or aliases file: exit 1 at once" t_endless_side_files

t_aliases_bad_line() {
    printf 'merge\tOnly One\n' >bad.tsv
    run "$E" build good -o f4 --aliases bad.tsv
    exit_is 2 && err_has "bad.tsv:1" && absent f4
}
check "an aliases line with too few fields: exit 2 with FILE:LINE, nothing written" t_aliases_bad_line

t_aliases_unknown_directive() {
    printf 'label\tX\tY\nrename\tA\tB\n' >bad2.tsv
    run "$E" build good -o f5 --aliases bad2.tsv
    exit_is 2 && err_has "bad2.tsv:2" && err_has "rename" && absent f5
}
check "an unknown aliases directive: exit 2 with FILE:LINE, nothing written" t_aliases_unknown_directive

t_aliases_missing() {
    run "$E" build good -o f6 --aliases nosuch.tsv
    exit_is 1 && err_has "nosuch.tsv" && absent f6
}
check "a missing aliases file: exit 1 naming it, nothing written" t_aliases_missing

t_aliases_unused() {
    printf 'drop\tNobody At All\n' >unused.tsv
    run "$E" build good -o f7 --aliases unused.tsv
    exit_is 0 && err_has "unused.tsv:1" && err_has "Nobody At All"
}
check "an aliases line that matches nothing: warned of with FILE:LINE" t_aliases_unused

t_train_bad_type() {
    printf '{"text": "Ann Lee", "entities": [{"type": "PER", "start": 0, "end": 7}]}\n{"text": "Bo", "entities": [{"type": "animal", "start": 0, "end": 2}]}\n' >badtype.jsonl
    run "$E" train badtype.jsonl -o bad.egm
    exit_is 1 && err_has "badtype.jsonl:2" && err_has "animal" && absent bad.egm
}
check "training data with an unknown type: exit 1 with FILE:LINE, no model written" t_train_bad_type

t_train_bad_span() {
    printf '{"text": "Ann Lee", "entities": [{"type": "PER", "start": 3, "end": 70}]}\n' >far.jsonl
    run "$E" train far.jsonl -o far.egm
    exit_is 1 && err_has "far.jsonl:1" && absent far.egm
}
check "training data with a span past the text: exit 1 with FILE:LINE, no model written" t_train_bad_span

# --- what the fuzzers once found ---------------------------------------------

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
        [ "$rc" -le 3 ] || { no "$(basename "$f"): exit status $rc"; return 1; }
    done
}
check "the inputs that once crashed or hung (tests/fuzz/crashes) run clean" t_fuzz_reproducers

tap_finish

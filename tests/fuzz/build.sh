#!/bin/sh
# Builds the libFuzzer targets of tests/fuzz/ into OUT (default /tmp/fuzz).
# usage: tests/fuzz/build.sh [OUT]     (run from anywhere; needs clang >= 14)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-/tmp/fuzz}
mkdir -p "$out"
cd "$root"

# The lexicon data C file, in meson.build's lexicon_names order.
names=$(sed -n '/^lexicon_names = \[/,/\]/p' meson.build | grep -o "'[^']*'" | tr -d "'")
set --
for n in $names; do set -- "$@" "extract/lexicon/$n"; done
python3 scripts/embed-lexicons "$out/lexdata.c" "$@"
# The default tagger model, as meson compiles it in.
python3 scripts/embed-model "$out/modeldata.c" models/default.egm
python3 scripts/embed-model --symbol eg_default_pairs "$out/pairsdata.c" models/pairs.egp

# meson.build's lib_sources.
srcs=$(sed -n '/^lib_sources = files(/,/)/p' meson.build | grep -o "'[^']*\.c'" | tr -d "'")

CC=${CC:-clang}
CFLAGS=${CFLAGS:-"-g -O1 -fsanitize=fuzzer,address,undefined"}
cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I common -I extract -I graph -I export"
libs=$(pkg-config --cflags --libs igraph libutf8proc libcjson libxml-2.0 zlib)

# Library objects once, compiled with coverage but without the fuzzer main.
objdir="$out/obj"
mkdir -p "$objdir"
objs=
for s in $srcs "$out/lexdata.c" "$out/modeldata.c" "$out/pairsdata.c"; do
    o="$objdir/$(basename "$s" .c).o"
    # shellcheck disable=SC2086
    $CC $CFLAGS -fsanitize=fuzzer-no-link $cflags $(pkg-config --cflags igraph libutf8proc libcjson libxml-2.0 zlib) \
        -c "$s" -o "$o"
    objs="$objs $o"
done

for t in fuzz_extract fuzz_doc_json fuzz_graphml fuzz_corpus fuzz_jsonl_graph fuzz_webpage fuzz_warc; do
    # shellcheck disable=SC2086
    $CC $CFLAGS $cflags "tests/fuzz/$t.c" $objs $libs -lm -o "$out/$t"
    echo "built $out/$t"
done

/*
 * entigraph - the command line: parses arguments and calls the stages.
 *
 * Exit codes: 0 success, 1 failure (bad input, I/O error), 2 usage error.
 */
#include "eg_base.h"
#include "eg_text.h"
#include "eg_corpus.h"
#include "eg_csv.h"
#include "eg_doc.h"
#include "eg_extract.h"
#include "eg_export.h"
#include "eg_graphml.h"
#include "eg_layout.h"
#include "eg_lexicon.h"
#include "eg_metrics.h"
#include "eg_partial.h"
#include "eg_report.h"
#include "eg_source.h"
#include "eg_tagger.h"
#include "eg_train.h"
#include "pipeline.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

/* 3: everything was written, but some input was skipped (malformed JSON
 * lines, documents over the size limit): the run is incomplete. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_INCOMPLETE = 3 };

static const char *prog = "entigraph";

static void errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void warn_cb(void *data, const char *message)
{
    bool quiet = data && *(const bool *)data;
    if (!quiet)
        fprintf(stderr, "%s: warning: %s\n", prog, message);
}

static const char usage_main[] =
    "usage: entigraph COMMAND [OPTIONS] ARGS...\n"
    "\n"
    "Turns news and press pages into a network of people, bodies, countries and\n"
    "documents.\n"
    "\n"
    "commands:\n"
    "  build INPUT... -o DIR    extract, build the network, write DIR/graph.graphml,\n"
    "                           DIR/metrics.csv and any other -f formats, print the\n"
    "                           most central entities\n"
    "  extract INPUT...         print what was found in each document as JSON Lines\n"
    "  graph FILE.jsonl... -o DIR\n"
    "                           build the network from `extract` output (any number of\n"
    "                           runs, from any number of machines)\n"
    "  report GRAPH.graphml     print the report of a network written earlier (or\n"
    "                           of INPUT..., built in memory)\n"
    "  train DATA.jsonl... -o MODEL\n"
    "                           train the name tagger on annotated text (with\n"
    "                           --pairs: the scorer of role links)\n"
    "  text INPUT...            print the text entigraph reads from each document\n"
    "                           (a web page's article) as JSON Lines\n"
    "\n"
    "INPUT is a text file, a web page (.html, .htm, or a file that starts as one:\n"
    "its article's text, title, date and URL are read), a WARC archive (.warc,\n"
    ".warc.gz: its HTML responses), a folder (read recursively, in sorted\n"
    "order), - for standard input, or a JSON Lines file\n"
    "(.jsonl: one document a line with \"text\" and optional \"id\", \"title\",\n"
    "\"date\", \"url\").\n"
    "\n"
    "options:\n"
    "  -h, --help     show help (also: entigraph COMMAND --help)\n"
    "  -V, --version  show the version\n"
    "\n"
    "exit status: 0 success, 1 failure, 2 usage error, 3 incomplete (input skipped)\n";

#define REPORT_HELP                                                                          \
    "      --by METRIC      rank the report by METRIC (default pagerank; also degree,\n"     \
    "                       weighted_degree, betweenness, closeness, harmonic,\n"            \
    "                       eigenvector, coreness, clustering, community, louvain,\n"        \
    "                       component, mentions, documents)\n"                               \
    "      --top N          entities in the report (default 10)\n"                          \
    "      --type TYPE      only entities of TYPE: person, body, country, document\n"       \
    "      --community C    only entities of community C\n"                                 \
    "      --ego NAME       centre the report on one entity: its roles, relations,\n"       \
    "                       neighbours and strongest ties\n"                                \
    "      --depth N        hops around the --ego entity (default 1)\n"                     \
    "      --conflicts      list delegations whose seat figures disagree\n"

#define NETWORK_HELP                                                                         \
    "  -f, --format FMT     also write FMT: graphml, gexf, json, csv (nodes.csv and\n"      \
    "                       edges.csv), dot, svg, html, merges (merges.csv: why each\n"    \
    "                       name is an entity's), or all; repeatable\n"                   \
    "      --aliases FILE   your corrections, a directive a line, tab-separated:\n"        \
    "                       merge NAME NAME..., apart NAME NAME, drop NAME,\n"             \
    "                       label NAME LABEL, type NAME TYPE (see README)\n"               \
    "      --json-style S   graph.json as node-link (default; graphology, d3) or\n"         \
    "                       cytoscape\n"                                                     \
    "      --title TEXT     title of graph.svg and graph.html\n"                            \
    "      --gexf-directed  graph.gexf with per-edge direction: arrows in Gephi on every\n"  \
    "                       kind but co_mention (networkx cannot read such a file)\n"       \
    "      --gexf-version V graph.gexf as GEXF 1.3 (default) or 1.2 (networkx before\n"    \
    "                       3.0, as in Debian 12, reads 1.2 only)\n"                      \
    "      --report-format F\n"                                                              \
    "                       the printed report as table (default), csv, tsv, json,\n"       \
    "                       markdown\n"                                                      \
    "      --window W       co-mention window: sentence (default), paragraph, document\n"   \
    "      --keep-boilerplate\n"                                                             \
    "                       count lines repeated across pages (site headers, footers)\n"    \
    "                       every time; by default they count once for the corpus\n"

/* The rest of build's and graph's help: one string literal of C stays under
 * 4,095 bytes. */
static const char network_help_more[] =
    "      --layer L        compute the metrics on role, structure or co_mention edges\n"   \
    "                       only (default all); the files keep every edge\n"                \
    "      --min-weight W   leave co-mention edges lighter than W out of the metrics\n"     \
    "      --exact          exact path metrics however large the network (by default\n"     \
    "                       very large ones are estimated from sampled sources)\n"         \
    "      --sources K      estimate the path metrics from K sources a component\n"          \
    "                       (default: as many as about 2 x 10^7 steps allow, at least 64)\n" \
    "      --metrics LIST   compute only these metrics (names separated by commas;\n"     \
    "                       default all); fast = all but betweenness, closeness and\n"     \
    "                       harmonic, which take nearly all the time on a large network\n" \
    "      --size-by METRIC node sizes in the layout (default pagerank; none: equal)\n"     \
    "      --color-by C     node colours by type (default) or community\n"                  \
    REPORT_HELP
    "  -q, --quiet          no warnings, no progress\n"
    "  -h, --help           show this help\n";

#define MODEL_HELP                                                                           \
    "      --model FILE     find names with the tagger model FILE (made by entigraph\n"     \
    "                       train) instead of the default one\n"                            \
    "      --no-model       find names with the rules alone, without a tagger (and\n"     \
    "                       without the scorer of role links)\n"                          \
    "      --pair-model FILE  score role links with this model (from train --pairs)\n"  \
    "                       instead of the default one\n"                                 \
    "      --max-document-size MB\n"                                                        \
    "                       refuse a document larger than MB megabytes (default 64)\n"    \
    "      --part-size MB   read a longer document in parts of about MB megabytes, each\n" \
    "                       resolving its own names (default 1; 0: whole)\n"              \
    "      --strict         stop at the first malformed JSON line or document over the\n" \
    "                       size limit (by default it is skipped with a warning, and\n" \
    "                       the exit status is 3)\n"                                     \
    "  -j, --jobs N         extract (and search the path metrics) on N threads\n"     \
    "                       (default: one a processor); the output is the same for\n" \
    "                       every N\n"

static const char usage_build[] =
    "usage: entigraph build INPUT... -o DIR [options]\n"
    "\n"
    "Extracts entities and relations from INPUT (files, folders, -, .jsonl), builds the\n"
    "network, computes its metrics and layout, writes DIR/graph.graphml (for Gephi,\n"
    "igraph, networkx), DIR/metrics.csv and the -f formats, then prints the top\n"
    "entities.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     folder for the outputs (created if missing; required)\n"
    "      --lexicon FILE   add entries to a lexicon; FILE is named after the lexicon\n"
    "                       it extends (given_names.txt, titles.txt...); repeatable\n"
    MODEL_HELP
    NETWORK_HELP;

static const char usage_extract[] =
    "usage: entigraph extract INPUT... [options]\n"
    "\n"
    "Prints one JSON object a line per document: {\"doc\", \"title\", \"date\",\n"
    "\"sentences\", \"mentions\": [{\"start\", \"end\", \"type\", \"text\", \"entity\",\n"
    "\"form\", \"sentence\", \"parts\"?}], \"relations\": [{\"kind\", \"source\",\n"
    "\"source_type\", \"target\", \"target_type\", \"role\"?, \"sentence\", \"start\",\n"
    "\"end\", \"evidence\"}]}. Offsets are byte offsets into the document as read\n"
    "(a web page's article: see entigraph text); \"parts\" holds the names nested\n"
    "in a mention.\n"
    "\n"
    "options:\n"
    "      --with-text      also print each document's text (\"text\"), to check the\n"
    "                       offsets and the evidence against\n"
    "      --lexicon FILE   add entries to a lexicon (see entigraph build --help)\n"
    MODEL_HELP
    "  -q, --quiet          no warnings, no progress\n"
    "  -h, --help           show this help\n";

static const char usage_text[] =
    "usage: entigraph text INPUT... [options]\n"
    "\n"
    "Prints one JSON object a line per document: {\"doc\", \"title\", \"date\", \"url\",\n"
    "\"text\"}, the text entigraph extracts from (a web page's article, paragraphs\n"
    "separated by a blank line) and the metadata the page or the JSON line gives\n"
    "(null when there is none). The offsets of `extract` are byte offsets into\n"
    "this text.\n"
    "\n"
    "options:\n"
    "      --max-document-size MB\n"
    "                       refuse a document larger than MB megabytes (default 64)\n"
    "      --strict         stop at the first malformed JSON line or document over the\n"
    "                       size limit\n"
    "  -q, --quiet          no warnings\n"
    "  -h, --help           show this help\n";

static const char usage_graph[] =
    "usage: entigraph graph FILE.jsonl... -o DIR [options]\n"
    "       entigraph graph FILE... --partial STATE\n"
    "\n"
    "Builds the network from the output of `entigraph extract` (- reads standard\n"
    "input) and writes the same files as `entigraph build`: building a corpus and\n"
    "extracting it then graphing the result give identical bytes. A FILE may also\n"
    "be a partial state written by --partial: partial states merge in any order\n"
    "and any tree, and the network of the merge is the network of all their\n"
    "documents, byte for byte.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     folder for the outputs (created if missing)\n"
    "      --partial STATE  write the state of the inputs (documents and partial\n"
    "                       states) to the file STATE instead of a network\n"
    "      --strict         stop at the first bad line (by default it is skipped with\n"
    "                       a warning naming FILE:LINE, and the exit status is 3)\n"
    "      --max-document-size MB\n"
    "                       refuse a line longer than 4 x MB megabytes (default 64)\n"
    "  -j, --jobs N         search the path metrics on N threads (default: one a\n"
    "                       processor; two at most are used); the output is the same\n"
    NETWORK_HELP;

static const char usage_report[] =
    "usage: entigraph report GRAPH.graphml [options]\n"
    "       entigraph report INPUT... [options]\n"
    "\n"
    "Prints the report of a GraphML file written by entigraph, or of a corpus\n"
    "(files, folders, -, .jsonl), built in memory without writing any file.\n"
    "\n"
    "options:\n"
    "      --format F       table (default), csv, tsv, json, markdown\n"
    REPORT_HELP
    "      --layer L, --min-weight W, --exact, --sources K, --metrics LIST\n"
    "                       metrics on these edges (see entigraph build --help); on a\n"
    "                       GraphML file they recompute its metrics\n"
    "      --lexicon FILE, --aliases FILE, --model FILE, --no-model, --window W,\n"
    "      --keep-boilerplate\n"
    "                       for a corpus, as for build\n"
    "  -q, --quiet          no warnings, no progress\n"
    "  -h, --help           show this help\n";

static const char usage_train[] =
    "usage: entigraph train DATA.jsonl... -o MODEL [options]\n"
    "\n"
    "Trains the name tagger on annotated documents and writes the model to MODEL,\n"
    "for `--model MODEL` of build, extract and report. DATA is JSON Lines, one\n"
    "document a line: {\"text\": ..., \"entities\": [{\"type\", \"start\", \"end\"}]},\n"
    "offsets in characters, types person, body, country, document, misc, loc (or\n"
    "CoNLL's PER, ORG, LOC, MISC). The same data and options give the same bytes.\n"
    "\n"
    "options:\n"
    "  -o, --output MODEL   the model file to write (required)\n"
    "      --dev FILE       annotated documents to report figures on after each\n"
    "                       epoch (never trained on); repeatable\n"
    "      --epochs N       passes over the data (default 10)\n"
    "      --stages N       1: local features only; 2 (default): a second pass\n"
    "                       that also sees the first pass's tags across the document\n"
    "      --folds N        parts the data is cut into to make the second pass's\n"
    "                       training tags (default 4)\n"
    "      --prune W        leave out weights smaller than W (default 0)\n"
    "      --seed N         the order the documents are visited in (default 1)\n"
    "      --runs N         train N times, each run over another order of the\n"
    "                       documents, and average the runs' weights: a model of\n"
    "                       the same size that depends less on one order (default 1)\n"
    "      --pairs          train the scorer of role links instead (build, extract and\n"
    "                       report use it with --pair-model MODEL): DATA then holds\n"
    "                       \"relations\" [{\"type\": \"Work_For\", \"head\", \"tail\"}]\n"
    "                       (entity indexes) or \"roles\" [{\"person\", \"target\"}]\n"
    "                       (entity clusters); the tagger finds the names\n"
    "      --threshold P    with --pairs: the probability above which a pair is a\n"
    "                       link (default 0.5)\n"    "      --model FILE     with --pairs: the tagger that finds the names (default:\n"
    "                       the one built in)\n"

    "      --lexicon FILE   add entries to a lexicon (see entigraph build --help)\n"
    "  -q, --quiet          no figures, no progress\n"
    "  -h, --help           show this help\n";

/* Which commands take an option. */
enum { ON_BUILD = 1, ON_EXTRACT = 2, ON_GRAPH = 4, ON_REPORT = 8, ON_TRAIN = 16, ON_TEXT = 32 };
#define ON_NETWORK (ON_BUILD | ON_GRAPH)
#define ON_ANY (ON_BUILD | ON_EXTRACT | ON_GRAPH | ON_REPORT | ON_TRAIN | ON_TEXT)

typedef struct options {
    unsigned command; /* one ON_ bit */
    const char *output;
    const char *partial; /* graph --partial FILE */
    const char **lexicons;
    size_t n_lexicons;
    const char *model; /* --model FILE, or NULL for the default */
    const char *pair_model; /* --pair-model FILE, or NULL for the default */
    const char *aliases; /* --aliases FILE, or NULL */
    size_t max_document; /* --max-document-size, bytes; 0 for the default */
    size_t part_bytes;   /* --part-size, bytes; 0: read documents whole */
    bool strict;         /* --strict: a malformed JSON line stops the run */
    eg_aliases *alias_set; /* its directives, read before any output is made */
    bool no_model;     /* --no-model: rules alone */
    bool quiet;
    bool help;
    bool progress; /* stderr is a terminal and not quiet */
    /* building */
    eg_window window;
    bool keep_boilerplate;
    eg_metrics_opts metrics;
    bool recompute; /* report: --layer, --min-weight, --exact or --metrics given */
    bool by_given, size_by_given; /* --by, --size-by given */
    eg_layout_opts layout;
    /* files */
    bool formats[32]; /* by eg_exporter_at index */
    eg_export_opts export;
    /* the report */
    const char *by;
    eg_report_opts report;
    /* training */
    const char **dev;
    size_t n_dev;
    eg_train_opts train;
    bool pairs;       /* train --pairs: the pair scorer of role links */
    double threshold; /* train --threshold */
    size_t jobs;      /* -j: extraction threads; 0 for one a processor */
    bool with_text;   /* extract --with-text */
} options;

enum {
    OPT_BY = 256, OPT_TOP, OPT_TYPE, OPT_LEXICON, OPT_WINDOW, OPT_KEEP_BOILERPLATE, OPT_CONFLICTS,
    OPT_JSON_STYLE, OPT_TITLE, OPT_REPORT_FORMAT, OPT_LAYER, OPT_MIN_WEIGHT, OPT_EXACT, OPT_SOURCES, OPT_METRICS, OPT_PARTIAL,
    OPT_SIZE_BY, OPT_COLOR_BY, OPT_COMMUNITY, OPT_EGO, OPT_DEPTH, OPT_GEXF_DIRECTED,
    OPT_DEV, OPT_EPOCHS, OPT_STAGES, OPT_FOLDS, OPT_PRUNE, OPT_MODEL, OPT_NO_MODEL, OPT_SEED, OPT_RUNS, OPT_ALIASES, OPT_MAX_DOCUMENT, OPT_PART_SIZE, OPT_STRICT,
    OPT_PAIR_MODEL, OPT_PAIRS, OPT_THRESHOLD, OPT_WITH_TEXT, OPT_GEXF_VERSION
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'},
    {"quiet", no_argument, NULL, 'q'},
    {"jobs", required_argument, NULL, 'j'},
    {"help", no_argument, NULL, 'h'},
    {"by", required_argument, NULL, OPT_BY},
    {"top", required_argument, NULL, OPT_TOP},
    {"type", required_argument, NULL, OPT_TYPE},
    {"lexicon", required_argument, NULL, OPT_LEXICON},
    {"aliases", required_argument, NULL, OPT_ALIASES},
    {"max-document-size", required_argument, NULL, OPT_MAX_DOCUMENT},
    {"part-size", required_argument, NULL, OPT_PART_SIZE},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"window", required_argument, NULL, OPT_WINDOW},
    {"keep-boilerplate", no_argument, NULL, OPT_KEEP_BOILERPLATE},
    {"conflicts", no_argument, NULL, OPT_CONFLICTS},
    {"json-style", required_argument, NULL, OPT_JSON_STYLE},
    {"title", required_argument, NULL, OPT_TITLE},
    {"gexf-directed", no_argument, NULL, OPT_GEXF_DIRECTED},
    {"gexf-version", required_argument, NULL, OPT_GEXF_VERSION},
    {"report-format", required_argument, NULL, OPT_REPORT_FORMAT},
    {"layer", required_argument, NULL, OPT_LAYER},
    {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
    {"exact", no_argument, NULL, OPT_EXACT},
    {"sources", required_argument, NULL, OPT_SOURCES},
    {"metrics", required_argument, NULL, OPT_METRICS},
    {"partial", required_argument, NULL, OPT_PARTIAL},
    {"size-by", required_argument, NULL, OPT_SIZE_BY},
    {"color-by", required_argument, NULL, OPT_COLOR_BY},
    {"colour-by", required_argument, NULL, OPT_COLOR_BY},
    {"community", required_argument, NULL, OPT_COMMUNITY},
    {"ego", required_argument, NULL, OPT_EGO},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"dev", required_argument, NULL, OPT_DEV},
    {"epochs", required_argument, NULL, OPT_EPOCHS},
    {"stages", required_argument, NULL, OPT_STAGES},
    {"folds", required_argument, NULL, OPT_FOLDS},
    {"prune", required_argument, NULL, OPT_PRUNE},
    {"seed", required_argument, NULL, OPT_SEED},
    {"runs", required_argument, NULL, OPT_RUNS},
    {"model", required_argument, NULL, OPT_MODEL},
    {"no-model", no_argument, NULL, OPT_NO_MODEL},
    {"pair-model", required_argument, NULL, OPT_PAIR_MODEL},
    {"pairs", no_argument, NULL, OPT_PAIRS},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"with-text", no_argument, NULL, OPT_WITH_TEXT},
    {NULL, 0, NULL, 0}};

/* The commands that take each option (by its getopt value). */
static unsigned option_commands(int c)
{
    switch (c) {
    case 'q': case 'h':
        return ON_ANY;
    case OPT_LEXICON:
        return ON_BUILD | ON_EXTRACT | ON_REPORT | ON_TRAIN;
    case OPT_ALIASES:
        return ON_NETWORK | ON_REPORT;
    case OPT_MODEL:
        return ON_BUILD | ON_EXTRACT | ON_REPORT | ON_TRAIN;
    case OPT_NO_MODEL: case OPT_PAIR_MODEL: case OPT_PART_SIZE:
        return ON_BUILD | ON_EXTRACT | ON_REPORT;
    case 'j':
        return ON_BUILD | ON_EXTRACT | ON_REPORT | ON_GRAPH;
    case OPT_STRICT: case OPT_MAX_DOCUMENT:
        return ON_BUILD | ON_EXTRACT | ON_REPORT | ON_GRAPH | ON_TEXT;
    case OPT_WITH_TEXT:
        return ON_EXTRACT;
    case 'o':
        return ON_NETWORK | ON_TRAIN;
    case OPT_PARTIAL:
        return ON_GRAPH;
    case OPT_DEV: case OPT_EPOCHS: case OPT_STAGES: case OPT_FOLDS: case OPT_PRUNE: case OPT_SEED:
    case OPT_RUNS:
    case OPT_PAIRS: case OPT_THRESHOLD:
        return ON_TRAIN;
    case OPT_WINDOW: case OPT_KEEP_BOILERPLATE: case OPT_LAYER: case OPT_MIN_WEIGHT: case OPT_EXACT:
    case OPT_SOURCES: case OPT_METRICS:
        return ON_NETWORK | ON_REPORT;
    case OPT_BY: case OPT_TOP: case OPT_TYPE: case OPT_CONFLICTS: case OPT_COMMUNITY:
    case OPT_EGO: case OPT_DEPTH:
        return ON_NETWORK | ON_REPORT;
    case 'f':
        return ON_NETWORK | ON_REPORT; /* report: the report's format */
    default:
        return ON_NETWORK;
    }
}

static bool parse_count(const char *text, size_t *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v <= 0)
        return false;
    *out = (size_t)v;
    return true;
}

/* "all" or one format name -> o->formats. */
static bool parse_formats(const char *name, options *o)
{
    size_t n = eg_exporter_count();
    if (strcmp(name, "all") == 0) {
        for (size_t i = 0; i < n && i < sizeof o->formats; i++)
            o->formats[i] = true;
        return true;
    }
    for (size_t i = 0; i < n && i < sizeof o->formats; i++) {
        if (strcmp(eg_exporter_at(i)->format, name) == 0) {
            o->formats[i] = true;
            return true;
        }
    }
    return false;
}

static int bad_value(const char *cmd, const char *option, const char *wants, const char *value)
{
    errorf("%s: %s wants %s, not '%s'", cmd, option, wants, value);
    return EXIT_USAGE;
}

/* arg names one of two choices: *second tells which. */
static bool parse_either(const char *arg, const char *first, const char *second_name, bool *second)
{
    *second = strcmp(arg, second_name) == 0;
    return *second || strcmp(arg, first) == 0;
}

/* Applies one option. Returns EXIT_OK or EXIT_USAGE. */
static int apply_option(int c, const char *arg, const char *cmd, options *o)
{
    bool second;
    switch (c) {
    case 'o':
        o->output = arg;
        break;
    case 'f':
        if (o->command == ON_REPORT) {
            if (!eg_report_format_parse(arg, &o->report.format))
                return bad_value(cmd, "--format", "table, csv, tsv, json or markdown", arg);
        } else if (!parse_formats(arg, o)) {
            return bad_value(cmd, "--format", "graphml, gexf, json, csv, dot, svg, html or all", arg);
        }
        break;
    case 'q':
        o->quiet = true;
        break;
    case 'h':
        o->help = true;
        break;
    case OPT_BY:
        o->by = arg;
        o->by_given = true;
        break;
    case OPT_TOP:
        if (!parse_count(arg, &o->report.top))
            return bad_value(cmd, "--top", "a positive number", arg);
        break;
    case OPT_TYPE: {
        eg_type t;
        if (!eg_type_parse(arg, &t))
            return bad_value(cmd, "--type", "person, body, country or document", arg);
        o->report.type = (int)t;
        break;
    }
    case OPT_LEXICON:
        o->lexicons[o->n_lexicons++] = arg;
        break;
    case OPT_STRICT:
        o->strict = true;
        break;
    case OPT_WITH_TEXT:
        o->with_text = true;
        break;
    case 'j':
        if (!parse_count(arg, &o->jobs) || o->jobs == 0 || o->jobs > 1024)
            return bad_value(cmd, "--jobs", "a number of threads from 1 to 1024", arg);
        break;
    case OPT_MAX_DOCUMENT: {
        size_t mb;
        if (!parse_count(arg, &mb) || mb > ((size_t)-1 >> 21))
            return bad_value(cmd, "--max-document-size", "a positive number of megabytes", arg);
        o->max_document = mb << 20;
        break;
    }
    case OPT_PART_SIZE: {
        size_t mb;
        if (strcmp(arg, "0") == 0)
            mb = 0;
        else if (!parse_count(arg, &mb) || mb > ((size_t)-1 >> 21))
            return bad_value(cmd, "--part-size", "a number of megabytes (0: documents whole)", arg);
        o->part_bytes = mb << 20;
        break;
    }
    case OPT_ALIASES:
        if (o->aliases)
            return bad_value(cmd, "--aliases", "one file (put every directive in it)", arg);
        o->aliases = arg;
        break;
    case OPT_WINDOW:
        if (!eg_window_parse(arg, &o->window))
            return bad_value(cmd, "--window", "sentence, paragraph or document", arg);
        break;
    case OPT_KEEP_BOILERPLATE:
        o->keep_boilerplate = true;
        break;
    case OPT_CONFLICTS:
        o->report.conflicts = true;
        break;
    case OPT_JSON_STYLE:
        if (!parse_either(arg, "node-link", "cytoscape", &second))
            return bad_value(cmd, "--json-style", "node-link or cytoscape", arg);
        o->export.json_style = second ? EG_JSON_CYTOSCAPE : EG_JSON_NODE_LINK;
        break;
    case OPT_TITLE:
        o->export.title = arg;
        break;
    case OPT_GEXF_DIRECTED:
        o->export.gexf_directed = true;
        break;
    case OPT_GEXF_VERSION:
        if (strcmp(arg, "1.2") != 0 && strcmp(arg, "1.3") != 0)
            return bad_value(cmd, "--gexf-version", "1.2 or 1.3", arg);
        o->export.gexf_1_2 = strcmp(arg, "1.2") == 0;
        break;
    case OPT_REPORT_FORMAT:
        if (!eg_report_format_parse(arg, &o->report.format))
            return bad_value(cmd, "--report-format", "table, csv, tsv, json or markdown", arg);
        break;
    case OPT_LAYER:
        if (!eg_metrics_layer_parse(arg, &o->metrics.layers))
            return bad_value(cmd, "--layer", "role, structure, co_mention or all", arg);
        o->recompute = true;
        break;
    case OPT_MIN_WEIGHT: {
        char *end;
        errno = 0;
        double w = strtod(arg, &end);
        if (errno || end == arg || *end || !(w >= 0) || w > 1e300)
            return bad_value(cmd, "--min-weight", "a number of at least 0", arg);
        o->metrics.min_weight = w;
        o->recompute = true;
        break;
    }
    case OPT_EXACT:
        o->metrics.exact = true;
        o->recompute = true;
        break;
    case OPT_SOURCES:
        if (!parse_count(arg, &o->metrics.sources) || o->metrics.sources < 2)
            return bad_value(cmd, "--sources", "a number of at least 2", arg);
        o->recompute = true;
        break;
    case OPT_PARTIAL:
        o->partial = arg;
        break;
    case OPT_METRICS:
        if (!eg_metrics_parse(arg, &o->metrics.which))
            return bad_value(cmd, "--metrics",
                             "metric names separated by commas (degree, weighted_degree, betweenness, "
                             "closeness, harmonic, eigenvector, pagerank, coreness, clustering, "
                             "community, louvain, component), all or fast",
                             arg);
        o->recompute = true;
        break;
    case OPT_SIZE_BY:
        o->layout.size_by = strcmp(arg, "none") == 0 ? NULL : arg;
        o->size_by_given = true;
        break;
    case OPT_COLOR_BY:
        if (!parse_either(arg, "type", "community", &second))
            return bad_value(cmd, "--color-by", "type or community", arg);
        o->layout.color_by = second ? EG_COLOR_BY_COMMUNITY : EG_COLOR_BY_TYPE;
        break;
    case OPT_COMMUNITY: {
        char *end;
        errno = 0;
        long long v = strtoll(arg, &end, 10);
        if (errno || end == arg || *end || v < 0)
            return bad_value(cmd, "--community", "a community number (0, 1, ...)", arg);
        o->report.by_community = true;
        o->report.community = v;
        break;
    }
    case OPT_EGO:
        o->report.ego = arg;
        break;
    case OPT_DEPTH:
        if (!parse_count(arg, &o->report.depth))
            return bad_value(cmd, "--depth", "a positive number", arg);
        break;
    case OPT_DEV:
        o->dev[o->n_dev++] = arg;
        break;
    case OPT_MODEL:
        o->model = arg;
        break;
    case OPT_NO_MODEL:
        o->no_model = true;
        break;
    case OPT_PAIR_MODEL:
        o->pair_model = arg;
        break;
    case OPT_PAIRS:
        o->pairs = true;
        break;
    case OPT_THRESHOLD: {
        char *end;
        errno = 0;
        double v = strtod(arg, &end);
        /* kept as a float in the model: that must be in (0, 1) too */
        if (errno || end == arg || *end || !((float)v > 0 && (float)v < 1))
            return bad_value(cmd, "--threshold", "a probability between 0 and 1", arg);
        o->threshold = v;
        break;
    }
    case OPT_EPOCHS:
        if (!parse_count(arg, &o->train.epochs))
            return bad_value(cmd, "--epochs", "a positive number", arg);
        break;
    case OPT_STAGES:
        if (!parse_count(arg, &o->train.stages) || o->train.stages > 2)
            return bad_value(cmd, "--stages", "1 or 2", arg);
        break;
    case OPT_SEED: {
        size_t seed;
        if (!parse_count(arg, &seed))
            return bad_value(cmd, "--seed", "a positive number", arg);
        o->train.seed = seed;
        break;
    }
    case OPT_RUNS:
        if (!parse_count(arg, &o->train.runs) || o->train.runs > 100)
            return bad_value(cmd, "--runs", "a number from 1 to 100", arg);
        break;
    case OPT_FOLDS:
        if (!parse_count(arg, &o->train.folds) || o->train.folds < 2)
            return bad_value(cmd, "--folds", "a number of at least 2", arg);
        break;
    case OPT_PRUNE: {
        char *end;
        errno = 0;
        double w = strtod(arg, &end);
        if (errno || end == arg || *end || !(w >= 0) || w > 1e30)
            return bad_value(cmd, "--prune", "a number of at least 0", arg);
        o->train.min_weight = (float)w;
        break;
    }
    default:
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Parses the options of a command; returns EXIT_OK, EXIT_USAGE or EXIT_FAIL.
 * Operands are left in argv[optind..argc). o->lexicons is freed by
 * release_options whatever the outcome. */
/* With --metrics, the defaults that name a metric left out follow: the
 * report ranks by degree (else mentions) instead of PageRank, and the
 * circles are of one size; what the user asked for and is left out is a
 * usage error. */
static int metrics_defaults(const char *cmd, options *o)
{
    unsigned which = o->metrics.which;
    if (!which)
        return EXIT_OK;
    if (!(which & EG_METRIC_PAGERANK)) {
        if (!o->by_given)
            o->by = which & EG_METRIC_DEGREE ? "degree" : "mentions";
        if (!o->size_by_given)
            o->layout.size_by = NULL;
    }
    if (!(which & EG_METRIC_COMMUNITY) &&
        (o->layout.color_by == EG_COLOR_BY_COMMUNITY || o->report.by_community)) {
        errorf("%s: %s needs the community metric, which --metrics leaves out", cmd,
               o->report.by_community ? "--community" : "--color-by community");
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

static int parse_options(int argc, char **argv, const char *cmd, unsigned command, options *o)
{
    static const eg_metrics_opts metrics_init = EG_METRICS_OPTS_INIT;
    static const eg_layout_opts layout_init = EG_LAYOUT_OPTS_INIT;
    static const eg_export_opts export_init = EG_EXPORT_OPTS_INIT;
    static const eg_report_opts report_init = EG_REPORT_OPTS_INIT;
    static const eg_train_opts train_init = EG_TRAIN_OPTS_INIT;
    memset(o, 0, sizeof *o);
    o->train = train_init;
    o->command = command;
    o->part_bytes = EG_PART_BYTES;
    o->metrics = metrics_init;
    o->layout = layout_init;
    o->export = export_init;
    o->report = report_init;
    o->by = "pagerank";
    o->report.top = 10;
    o->lexicons = calloc((size_t)argc + 1, sizeof *o->lexicons);
    o->dev = calloc((size_t)argc + 1, sizeof *o->dev);
    if (!o->lexicons || !o->dev) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    optind = 1;
    opterr = 0;
    int c, index = -1;
    while ((c = getopt_long(argc, argv, ":o:f:j:qh", long_options, &index)) != -1) {
        if (c == ':') {
            errorf("%s: option %s needs a value", cmd, argv[optind - 1]);
            return EXIT_USAGE;
        }
        if (c == '?') {
            errorf("%s: unknown option %s (see entigraph %s --help)", cmd, argv[optind - 1], cmd);
            return EXIT_USAGE;
        }
        if (!(option_commands(c) & command)) {
            if (index >= 0)
                errorf("%s: option --%s does not apply to %s (see entigraph %s --help)", cmd,
                       long_options[index].name, cmd, cmd);
            else
                errorf("%s: option -%c does not apply to %s (see entigraph %s --help)", cmd, c, cmd,
                       cmd);
            return EXIT_USAGE;
        }
        index = -1;
        int rc = apply_option(c, optarg, cmd, o);
        if (rc)
            return rc;
    }
    int rc = metrics_defaults(cmd, o);
    if (rc)
        return rc;
    o->report.by = o->by;
    if (o->report.depth && !o->report.ego) {
        errorf("%s: --depth is the number of hops around --ego NAME; give both", cmd);
        return EXIT_USAGE;
    }
    o->progress = !o->quiet && isatty(STDERR_FILENO);
    if (command & ON_NETWORK)
        parse_formats("graphml", o); /* graph.graphml, always */
    return EXIT_OK;
}

static void release_options(options *o)
{
    eg_aliases_free(o->alias_set);
    o->alias_set = NULL;
    free(o->lexicons);
    free(o->dev);
    o->lexicons = NULL;
    o->dev = NULL;
}

static int load_lexicon(const options *o, eg_lexicon **lex)
{
    eg_error err = {0};
    if (eg_lexicon_new(lex, &err)) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    for (size_t i = 0; i < o->n_lexicons; i++) {
        if (eg_lexicon_load_file(*lex, o->lexicons[i], &err)) {
            errorf("%s", err.message);
            eg_lexicon_free(*lex);
            *lex = NULL;
            return EXIT_FAIL;
        }
    }
    return EXIT_OK;
}

/* Creates dir and its parents, like mkdir -p. */
/* The folders a run made for its output, in the order made. */
typedef struct made_dirs {
    char **v;
    size_t n;
} made_dirs;

/* Removes the folders a run made, the last made first, each only if it is
 * empty (rmdir): a run that fails leaves no empty folder behind, and what
 * it wrote, or anyone else's folder, is never removed. */
static void remove_made_dirs(const made_dirs *m)
{
    for (size_t i = m->n; i > 0; i--)
        (void)rmdir(m->v[i - 1]);
}

static void free_made_dirs(made_dirs *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i]);
    free(m->v);
    m->v = NULL;
    m->n = 0;
}

/* Creates dir and its missing parents, each recorded in *made. */
static int make_dirs(const char *dir, made_dirs *made)
{
    if (!*dir) {
        errorf("-o: the output folder's name is empty");
        return EXIT_USAGE;
    }
    char *p = eg_strdup(dir);
    if (!p) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char saved = *s;
            *s = '\0';
            if (mkdir(p, 0777) == 0) {
                char **v = realloc(made->v, (made->n + 1) * sizeof *v);
                char *copy = eg_strdup(p);
                if (v)
                    made->v = v;
                if (!v || !copy) {
                    free(copy);
                    (void)rmdir(p);
                    remove_made_dirs(made);
                    errorf("out of memory");
                    free(p);
                    return EXIT_FAIL;
                }
                made->v[made->n++] = copy;
            } else if (errno != EEXIST) {
                errorf("%s: cannot create folder: %s", p, strerror(errno));
                remove_made_dirs(made);
                free(p);
                return EXIT_FAIL;
            }
            *s = saved;
            if (!saved)
                break;
        }
    }
    free(p);
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        errorf("%s: not a folder", dir);
        return EXIT_FAIL;
    }
    if (access(dir, W_OK) != 0) {
        errorf("%s: cannot write into this folder: %s", dir, strerror(errno));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static char *path_in(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    if (a == 0 || dir[a - 1] != '/')
        p[a++] = '/';
    memcpy(p + a, name, b + 1);
    return p;
}

/* Progress on stderr, only when it is a terminal: one line rewritten in place. */
static void progress_line(const options *o, const char *fmt, ...)
{
    if (!o->progress)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "\r\033[K%s: ", prog);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}

static void progress_clear(const options *o)
{
    if (o->progress) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

static void metrics_progress(void *data, const char *what, double fraction)
{
    progress_line(data, "metrics: %s (%.0f%%)", what, 100 * fraction);
}

/* The run's output folder and every file it may write there are never
 * read as input (a folder inside the inputs, or files of an earlier run in
 * an input folder). */
static eg_status exclude_outputs(eg_source *src, const options *o)
{
    if (!o->output || o->command == ON_TRAIN)
        return EG_OK;
    eg_status st = eg_source_exclude(src, o->output);
    for (size_t i = 0; i <= eg_exporter_count() && st == EG_OK; i++) {
        const eg_exporter *e = eg_exporter_at(i);
        for (size_t f = 0; e && f < e->n_files && st == EG_OK; f++) {
            char *p = path_in(o->output, e->files[f].name);
            st = p ? eg_source_exclude(src, p) : EG_ENOMEM;
            free(p);
        }
        if (!e && st == EG_OK) {
            char *p = path_in(o->output, "metrics.csv");
            st = p ? eg_source_exclude(src, p) : EG_ENOMEM;
            free(p);
        }
    }
    return st;
}

static eg_status write_metrics_csv(const eg_network *net, FILE *fp, const eg_export_opts *opts,
                                   eg_error *err)
{
    (void)opts;
    return eg_csv_write_metrics(net, fp, err);
}

/* The files of one run appear together or not at all: each is written in
 * full to a temporary file first; SIGINT or SIGTERM meanwhile removes the
 * temporary files (the signal handler reads only these) and the old files
 * stay; then all are renamed into place with those signals held back. */
#define MAX_OUTPUTS 32
static const char *volatile pending[MAX_OUTPUTS];
static volatile sig_atomic_t n_pending;

static void drop_pending(int sig)
{
    for (sig_atomic_t i = 0; i < n_pending; i++)
        if (pending[i])
            unlink(pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

typedef struct output {
    const char *name;
    eg_export_fn write;
} output;

static eg_status write_metrics_csv(const eg_network *net, FILE *fp, const eg_export_opts *opts,
                                   eg_error *err);

/* graph.graphml, metrics.csv and the other chosen formats; `written` lists
 * the file names for the summary line. */
static int write_outputs(const eg_network *net, const options *o, eg_strbuf *written)
{
    output outs[MAX_OUTPUTS];
    size_t n = 0;
    outs[n++] = (output){"graph.graphml", eg_exporter_find("graphml")->files[0].write};
    outs[n++] = (output){"metrics.csv", write_metrics_csv};
    for (size_t i = 0; i < eg_exporter_count() && i < sizeof o->formats; i++) {
        const eg_exporter *ex = eg_exporter_at(i);
        if (!o->formats[i] || strcmp(ex->format, "graphml") == 0)
            continue;
        for (size_t f = 0; f < ex->n_files && n < MAX_OUTPUTS; f++)
            outs[n++] = (output){ex->files[f].name, ex->files[f].write};
    }
    eg_outfile files[MAX_OUTPUTS];
    size_t done = 0;
    int rc = EXIT_OK;
    eg_error err = {0};
    n_pending = 0;
    void (*old_int)(int) = signal(SIGINT, drop_pending);
    void (*old_term)(int) = signal(SIGTERM, drop_pending);
    sigset_t hold, saved;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        progress_line(o, "writing %s", outs[i].name);
        char *path = path_in(o->output, outs[i].name);
        if (!path) {
            errorf("out of memory");
            rc = EXIT_FAIL;
            break;
        }
        struct stat in_the_way;
        /* a signal between the temporary file's creation and its listing
         * would leave it behind: held back until it is listed */
        sigprocmask(SIG_BLOCK, &hold, &saved);
        bool opened = false;
        if (stat(path, &in_the_way) == 0 && S_ISDIR(in_the_way.st_mode)) {
            /* found now, not when the others are already renamed */
            errorf("%s: a folder is in the way of this output file", path);
            rc = EXIT_FAIL;
        } else if (eg_outfile_open(&files[i], path, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        } else {
            pending[i] = files[i].tmp_path;
            n_pending = (sig_atomic_t)(i + 1);
            opened = true;
        }
        sigprocmask(SIG_SETMASK, &saved, NULL);
        if (opened) {
            bool wrote = outs[i].write(net, files[i].fp, &o->export, &err) == EG_OK;
            if (!wrote)
                errorf("%s: %s", path, err.message);
            /* a file that failed is removed and freed: the handler lets
             * go of its name first */
            sigprocmask(SIG_BLOCK, &hold, &saved);
            eg_status finished = EG_EIO;
            if (!wrote)
                eg_outfile_abort(&files[i]);
            else if ((finished = eg_outfile_finish(&files[i], &err)) != EG_OK)
                errorf("%s", err.message);
            if (finished != EG_OK)
                pending[i] = NULL;
            sigprocmask(SIG_SETMASK, &saved, NULL);
            if (finished != EG_OK) {
                rc = EXIT_FAIL;
            } else {
                done = i + 1;
            }
        }
        free(path);
        /* for the test suite: time to interrupt a run while it writes */
        const char *pause = getenv("EG_TEST_WRITE_PAUSE_MS");
        if (pause && rc == EXIT_OK)
            usleep((useconds_t)atoi(pause) * 1000);
    }
    progress_clear(o);
    sigprocmask(SIG_BLOCK, &hold, &saved);
    n_pending = 0;
    for (size_t i = 0; i < done; i++) {
        if (rc != EXIT_OK) {
            eg_outfile_abort(&files[i]); /* the old set stays whole */
        } else if (eg_outfile_publish(&files[i], &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        }
    }
    signal(SIGINT, old_int);
    signal(SIGTERM, old_term);
    sigprocmask(SIG_SETMASK, &saved, NULL);
    for (size_t i = 0; i < n; i++)
        eg_strbuf_addf(written, "%s%s", i ? ", " : "", outs[i].name);
    return rc;
}

static int check_community(const eg_network *net, const options *o);

static int print_report(const eg_network *net, const options *o)
{
    int rc = check_community(net, o);
    if (rc)
        return rc;
    eg_report_opts ro = o->report;
    const char *cols = getenv("COLUMNS");
    struct winsize ws;
    if (cols && atoi(cols) > 20)
        ro.width = (size_t)atoi(cols);
    else if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        ro.width = ws.ws_col;
    eg_error err = {0};
    if (eg_report_write(net, stdout, &ro, &err)) {
        errorf("%s", err.message);
        return err.code == EG_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* A metric name given on the command line that the network lacks is a usage
 * error, found before any file is written. */
static int check_metric(const eg_network *net, const char *option, const char *name)
{
    if (!name || eg_network_metric(net, name) || strcmp(name, "mentions") == 0 ||
        strcmp(name, "documents") == 0)
        return EXIT_OK;
    errorf("%s: no metric called '%s' (see entigraph build --help)", option, name);
    return EXIT_USAGE;
}

/* --community C must name a community the network has (the report would
 * otherwise list nothing and say nothing). */
static int check_community(const eg_network *net, const options *o)
{
    const eg_metric *m = o->report.by_community ? eg_network_metric(net, "community") : NULL;
    if (!m || !net->n_nodes)
        return EXIT_OK;
    double top = m->values[0];
    for (size_t i = 0; i < net->n_nodes; i++) {
        if (m->values[i] == (double)o->report.community)
            return EXIT_OK;
        top = m->values[i] > top ? m->values[i] : top;
    }
    errorf("--community: no community %lld (this network's are numbered 0 to %.0f)", o->report.community, top);
    return EXIT_USAGE;
}

/* The metrics, with the command line's options and progress; then the --by
 * metric and the --community must exist. */
static int compute_metrics(eg_network *net, const options *o)
{
    eg_error err = {0};
    eg_metrics_opts mo = o->metrics;
    size_t jobs = o->jobs ? o->jobs : pipeline_default_threads();
    mo.threads = jobs < 64 ? (unsigned)jobs : 64;
    mo.progress = o->progress ? metrics_progress : NULL;
    mo.progress_data = (void *)o;
    eg_status st = eg_metrics_compute(net, &mo, &err);
    progress_clear(o);
    if (st) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    int rc = check_metric(net, "--by", o->by);
    return rc ? rc : check_community(net, o);
}

/* Says which directives of the aliases file matched nothing: a name the
 * corpus does not have is most often a typo. */
static void report_aliases(const eg_corpus *corpus, const eg_aliases *aliases, const options *o)
{
    if (!aliases || o->quiet)
        return;
    size_t used = 0;
    for (size_t r = 0; r < aliases->n_rules; r++) {
        const eg_alias_rule *ru = &aliases->rules[r];
        if (eg_corpus_alias_hits(corpus, r)) {
            used++;
            continue;
        }
        fprintf(stderr, "%s: warning: %s:%zu: %s: ", prog, aliases->path, ru->line,
                eg_alias_kind_name(ru->kind));
        if (ru->kind == EG_ALIAS_MERGE)
            fprintf(stderr, "fewer than two of its names are in the corpus\n");
        else if (ru->kind == EG_ALIAS_APART)
            fprintf(stderr, "\"%s\" or \"%s\" is not in the corpus\n", ru->names[0], ru->names[1]);
        else
            fprintf(stderr, "no entity or alias named \"%s\"\n", ru->names[0]);
    }
    fprintf(stderr, "%s: %s: %zu of %zu directives applied\n", prog, aliases->path, used,
            aliases->n_rules);
}

/* The corpus's network with its metrics, into *net (released by the caller
 * when this returns EXIT_OK, released here otherwise). Frees *corpus (and
 * sets it NULL) once the network is made: the metrics, the layout and the
 * writers need only the network, and the corpus is as large again. */
static int network_of(eg_corpus **corpus, const eg_aliases *aliases, const options *o,
                      eg_network *net)
{
    eg_error err = {0};
    /* the merge log is shown by merges.csv and the HTML viewer only */
    bool merge_log = false;
    for (size_t i = 0; i < eg_exporter_count() && i < sizeof o->formats; i++)
        if (o->formats[i] && (strcmp(eg_exporter_at(i)->format, "merges") == 0 ||
                              strcmp(eg_exporter_at(i)->format, "html") == 0))
            merge_log = true;
    eg_build_opts bo = {o->window, o->keep_boilerplate, true, !merge_log};
    progress_line(o, "building the network of %zu documents", eg_corpus_n_documents(*corpus));
    eg_status st = eg_corpus_build(*corpus, &bo, net, &err);
    progress_clear(o);
    if (st == EG_OK)
        report_aliases(*corpus, aliases, o);
    eg_corpus_free(*corpus);
    *corpus = NULL;
#ifdef __GLIBC__
    malloc_trim(0); /* the corpus's millions of small blocks, back to the system */
#endif
    if (st) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    int rc = compute_metrics(net, o);
    if (rc)
        eg_network_release(net);
    return rc;
}

/* Metrics, layout, the files, the report: the end shared by build and graph.
 * Frees *corpus (network_of). */
static int finish_network(eg_corpus **corpus, const eg_aliases *aliases, const options *o)
{
    eg_error err = {0};
    eg_network net;
    int rc = network_of(corpus, aliases, o, &net);
    if (rc)
        return rc;
    if (o->layout.size_by && !eg_network_metric(&net, o->layout.size_by)) {
        errorf("--size-by: no metric called '%s' (see entigraph build --help)", o->layout.size_by);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK) {
        progress_line(o, "layout of %zu nodes", net.n_nodes);
        if (eg_layout_compute(&net, &o->layout, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        }
    }
    eg_strbuf written = EG_STRBUF_INIT;
    if (rc == EXIT_OK)
        rc = write_outputs(&net, o, &written);
    progress_clear(o);
    if (rc == EXIT_OK)
        rc = print_report(&net, o);
    if (rc == EXIT_OK && !o->quiet) {
        fflush(stdout);
        fprintf(stderr, "%s: %zu document%s (%zu dated), %zu entit%s, %zu edge%s: %s written in %s\n", prog,
                net.n_documents, net.n_documents == 1 ? "" : "s", net.n_dated, net.n_nodes,
                net.n_nodes == 1 ? "y" : "ies", net.n_edges, net.n_edges == 1 ? "" : "s",
                written.len ? written.buf : "nothing", o->output);
    }
    eg_strbuf_release(&written);
    eg_network_release(&net);
    return rc;
}

/* Runs the extractor over every document of the inputs; `each` receives them. */
typedef int (*doc_fn)(void *data, const pipeline_item *item);

/* The tagger --model names, the default one, or none with --no-model. */
static int load_tagger(const options *o, eg_tagger **tagger)
{
    eg_error err = {0};
    *tagger = NULL;
    if (o->no_model)
        return EXIT_OK;
    eg_status st = o->model ? eg_tagger_load_file(o->model, tagger, &err) : eg_tagger_default(tagger, &err);
    if (st) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* The pair scorer --pair-model names, or the default one; none with
 * --no-model (it scores the names the tagger finds), nor when the build has
 * no default. */
static int load_pairs(const options *o, eg_pair_model **pairs)
{
    eg_error err = {0};
    *pairs = NULL;
    if (o->no_model)
        return EXIT_OK;
    if (o->pair_model) {
        eg_strbuf data = EG_STRBUF_INIT;
        eg_status st = eg_read_file(o->pair_model, &data, &err);
        if (st == EG_OK)
            st = eg_pair_model_load(data.buf, data.len, o->pair_model, pairs, &err);
        eg_strbuf_release(&data);
        if (st) {
            errorf("%s", err.message);
            return EXIT_FAIL;
        }
        return EXIT_OK;
    }
    if (eg_pair_model_default(pairs, &err) && err.code != EG_ENOINPUT) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* What extract_all hands each result to, in input order. */
typedef struct emitter {
    const options *o;
    doc_fn each;
    void *data;
    size_t count;
} emitter;

static int emit_doc(void *data, pipeline_item *item)
{
    emitter *e = data;
    const options *o = e->o;
    if (++e->count % 256 == 0)
        progress_line(o, "%zu documents read", e->count);
    if (item->status) {
        progress_clear(o);
        errorf("%s: %s", item->origin, eg_strerror(item->status));
        return EXIT_FAIL;
    }
    if (item->stats.invalid_bytes && !o->quiet) {
        progress_clear(o);
        fprintf(stderr,
                "%s: warning: %s: %zu byte%s not valid UTF-8, replaced with U+FFFD "
                "(first at byte offset %zu)\n",
                prog, item->origin, item->stats.invalid_bytes, item->stats.invalid_bytes == 1 ? " is" : "s are",
                item->stats.first_invalid);
    }
    return e->each(e->data, item);
}

/* Extracts every document of the inputs, on o->jobs threads, and hands each
 * to `each` in input order (with want_json, its JSON line made too);
 * *skipped counts the inputs left out (malformed JSON lines, documents over
 * the size limit). */
static int extract_all(char **inputs, size_t n, const options *o, doc_fn each, void *data, bool want_json,
                       size_t *skipped)
{
    *skipped = 0;
    eg_lexicon *lex = NULL;
    eg_tagger *tagger = NULL;
    eg_pair_model *pairs = NULL;
    eg_source *src = NULL;
    eg_error err = {0};
    int rc = load_lexicon(o, &lex);
    if (rc)
        return rc;
    if ((rc = load_tagger(o, &tagger)) != EXIT_OK || (rc = load_pairs(o, &pairs)) != EXIT_OK) {
        eg_tagger_free(tagger);
        eg_lexicon_free(lex);
        return rc;
    }
    if (eg_source_new((const char *const *)inputs, n, warn_cb, (void *)&o->quiet, &src, &err) ||
        (eg_source_set_max_document(src, o->max_document), eg_source_set_strict(src, o->strict),
         exclude_outputs(src, o))) {
        errorf("%s", err.code ? err.message : "out of memory");
        rc = EXIT_FAIL;
        goto cleanup;
    }
    pipeline_config cfg = {lex, tagger, pairs, o->jobs ? o->jobs : pipeline_default_threads(), want_json,
                           o->with_text, o->part_bytes};
    emitter e = {o, each, data, 0};
    rc = pipeline_run(&cfg, src, emit_doc, &e, &err);
    progress_clear(o);
    if (rc < 0) {
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && eg_source_count(src) == 0) {
        errorf("no documents found in the input");
        rc = EXIT_FAIL;
    }
    *skipped = eg_source_skipped(src);
cleanup:
    eg_source_free(src);
    eg_pair_model_free(pairs);
    eg_tagger_free(tagger);
    eg_lexicon_free(lex);
    return rc;
}

static int add_to_corpus(void *data, const pipeline_item *item)
{
    if (eg_corpus_add(data, &item->doc)) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int print_json(void *data, const pipeline_item *item)
{
    (void)data;
    if (item->json_deferred) {
        eg_status st = eg_doc_write_json(&item->doc, stdout);
        if (st == EG_ENOMEM) {
            errorf("out of memory");
            return EXIT_FAIL;
        }
        if (st != EG_OK) {
            errorf("writing output failed: %s", strerror(errno));
            return EXIT_FAIL;
        }
        return EXIT_OK;
    }
    if (fwrite(item->json.buf, 1, item->json.len, stdout) != item->json.len) {
        errorf("writing output failed: %s", strerror(errno));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* Warns of a skipped line of extract output: the first ten of a file one by
 * one, then once that the rest are only counted. */
static void skip_warning(const char *path, size_t lineno, const char *why, const options *o, size_t *warned)
{
    if (o->quiet)
        return;
    if (++*warned <= 10)
        fprintf(stderr, "%s: warning: %s:%zu: skipped: %s\n", prog, path, lineno, why);
    else if (*warned == 11)
        fprintf(stderr, "%s: warning: %s: more lines skipped, not shown one by one\n", prog, path);
}

/* Adds every line of a file of extract output to the corpus. A line that
 * is not one (or does not hold together) is skipped with a warning and
 * counted in *skipped, or with --strict stops the run. */
static int read_jsonl(const char *path, eg_corpus *corpus, size_t *n_docs, const options *o,
                      size_t *skipped)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        errorf("%s: %s", path, strerror(errno));
        return EXIT_FAIL;
    }
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;
    int rc = EXIT_OK;
    /* a line of extract output: a document's mentions and relations, bounded
     * like a document (an endless line ends the run, read no further) */
    size_t limit = eg_size_mul(o->max_document ? o->max_document : EG_SOURCE_MAX_DOCUMENT, 4);
    size_t warned = 0;
    eg_partial_reader *partial = NULL;
    bool seen_content = false;
    while ((n = eg_read_line(fp, &line, &cap, limit)) >= 0 || n < -1) {
        if (n == -2 && !o->strict && !partial) {
            int skip = eg_skip_line(fp, eg_size_mul(limit, 4));
            if (skip == 0) {
                lineno++;
                skip_warning(path, lineno,
                             "a line longer than four times the document limit (--max-document-size)", o, &warned);
                (*skipped)++;
                continue;
            }
            if (skip == -1)
                break; /* a read error, reported below */
        }
        if (n < -1) {
            errorf(n == -3 ? "%s:%zu: out of memory" : "%s:%zu: a line longer than four times the document limit (--max-document-size)",
                   path, lineno + 1);
            rc = EXIT_FAIL;
            break;
        }
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        /* a partial state (graph --partial): every line counts, none is skipped */
        if (!partial && !seen_content && eg_partial_is_header(line, len)) {
            eg_error err = {0};
            if (eg_partial_begin(corpus, path, &partial, &err)) {
                errorf("%s", err.message);
                rc = err.code == EG_EINVAL ? EXIT_USAGE : EXIT_FAIL;
                break;
            }
        }
        seen_content = true;
        if (partial) {
            eg_error err = {0};
            if (eg_partial_line(partial, line, len, lineno, &err)) {
                errorf("%s", err.message);
                rc = EXIT_FAIL;
                break;
            }
            continue;
        }
        eg_doc doc;
        eg_error err = {0};
        if (eg_doc_from_json(line, len, &doc, &err)) {
            if (o->strict || err.code != EG_EPARSE) {
                errorf("%s:%zu: %s", path, lineno, err.message);
                rc = EXIT_FAIL;
                break;
            }
            skip_warning(path, lineno, err.message, o, &warned);
            (*skipped)++;
            continue;
        }
        eg_status st = eg_corpus_add(corpus, &doc);
        eg_doc_release(&doc);
        if (st) {
            errorf("out of memory");
            rc = EXIT_FAIL;
            break;
        }
        (*n_docs)++;
    }
    if (rc == EXIT_OK && ferror(fp)) {
        errorf("%s: read error: %s", path, strerror(errno));
        rc = EXIT_FAIL;
    }
    if (partial && rc == EXIT_OK) {
        eg_error err = {0};
        size_t docs = 0;
        if (eg_partial_end(partial, &docs, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        }
        *n_docs += docs;
    } else {
        eg_partial_free(partial);
    }
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

/* The exit status of a run that succeeded but skipped `skipped` inputs
 * (malformed JSON lines, documents over the size limit): 3, said once. */
static int incomplete(int rc, size_t skipped)
{
    if (rc != EXIT_OK || skipped == 0)
        return rc;
    errorf("%zu input%s skipped (said above): the run is incomplete (exit status 3; --strict stops at "
           "the first)",
           skipped, skipped == 1 ? "" : "s");
    return EXIT_INCOMPLETE;
}

/* A new corpus, with the --aliases file's directives set. */
static int open_corpus(const options *o, eg_corpus **corpus, const eg_aliases **aliases)
{
    *aliases = o->alias_set;
    if (eg_corpus_new(corpus) || eg_corpus_set_aliases(*corpus, o->alias_set)) {
        errorf("out of memory");
        eg_corpus_free(*corpus);
        *corpus = NULL;
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int run_build(char **inputs, size_t n, const options *o)
{
    eg_corpus *corpus;
    const eg_aliases *aliases;
    int rc = open_corpus(o, &corpus, &aliases);
    if (rc)
        return rc;
    size_t skipped;
    rc = extract_all(inputs, n, o, add_to_corpus, corpus, false, &skipped);
    if (rc == EXIT_OK)
        rc = finish_network(&corpus, aliases, o);
    eg_corpus_free(corpus);
    return incomplete(rc, skipped);
}

static int run_extract(char **inputs, size_t n, const options *o)
{
    size_t skipped;
    int rc = extract_all(inputs, n, o, print_json, NULL, true, &skipped);
    return incomplete(rc, skipped);
}

/* graph --partial: the corpus's state to one file, whole or not at all
 * (SIGINT or SIGTERM while it is written remove the temporary file). */
static int write_partial(const eg_corpus *corpus, size_t n_docs, const options *o)
{
    eg_error err = {0};
    eg_outfile out;
    sigset_t hold, saved;
    sigemptyset(&hold);
    sigaddset(&hold, SIGINT);
    sigaddset(&hold, SIGTERM);
    void (*old_int)(int) = signal(SIGINT, drop_pending);
    void (*old_term)(int) = signal(SIGTERM, drop_pending);
    sigprocmask(SIG_BLOCK, &hold, &saved);
    eg_status st = eg_outfile_open(&out, o->partial, &err);
    if (st == EG_OK) {
        pending[0] = out.tmp_path;
        n_pending = 1;
    }
    sigprocmask(SIG_SETMASK, &saved, NULL);
    if (st == EG_OK) {
        progress_line(o, "writing %s", o->partial);
        st = eg_partial_write(corpus, out.fp, &err);
        progress_clear(o);
        sigprocmask(SIG_BLOCK, &hold, &saved);
        n_pending = 0;
        if (st)
            eg_outfile_abort(&out);
        else
            st = eg_outfile_commit(&out, &err);
        sigprocmask(SIG_SETMASK, &saved, NULL);
    }
    signal(SIGINT, old_int);
    signal(SIGTERM, old_term);
    if (st) {
        errorf("%s: %s", o->partial, err.message);
        return EXIT_FAIL;
    }
    if (!o->quiet)
        fprintf(stderr, "%s: the state of %zu document%s written to %s\n", prog, n_docs, n_docs == 1 ? "" : "s",
                o->partial);
    return EXIT_OK;
}

static int run_graph(char **inputs, size_t n, const options *o)
{
    eg_corpus *corpus;
    const eg_aliases *aliases;
    int rc = open_corpus(o, &corpus, &aliases);
    if (rc)
        return rc;
    size_t n_docs = 0, skipped = 0;
    for (size_t i = 0; i < n && rc == EXIT_OK; i++)
        rc = read_jsonl(inputs[i], corpus, &n_docs, o, &skipped);
    if (rc == EXIT_OK && n_docs == 0) {
        errorf("graph: no documents in the input");
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && o->partial)
        rc = write_partial(corpus, n_docs, o);
    else if (rc == EXIT_OK)
        rc = finish_network(&corpus, aliases, o);
    eg_corpus_free(corpus);
    return incomplete(rc, skipped);
}

/* A GraphML file written earlier, by its name. */
static bool is_graphml(char **inputs, size_t n)
{
    if (n != 1)
        return false;
    size_t len = strlen(inputs[0]);
    return (len > 8 && strcmp(inputs[0] + len - 8, ".graphml") == 0) ||
           (len > 4 && strcmp(inputs[0] + len - 4, ".xml") == 0);
}

/* The report of a GraphML file (its metrics recomputed when --layer,
 * --min-weight or --exact ask for other ones), or of a corpus, built in
 * memory and not written. */
/* The name of the entigraph output format a file's name says it is in, when
 * it is one report cannot read (report reads GraphML), else NULL. */
static const char *other_output(const char *path)
{
    static const char *const kinds[][2] = {{".gexf", "GEXF"}, {".csv", "CSV"}, {".json", "JSON"},
                                           {".dot", "DOT"}, {".svg", "SVG"}};
    size_t len = strlen(path);
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t k = strlen(kinds[i][0]);
        if (len > k && strcmp(path + len - k, kinds[i][0]) == 0)
            return kinds[i][1];
    }
    return NULL;
}

static int run_report(char **inputs, size_t n, const options *o)
{
    eg_network net;
    int rc;
    size_t skipped = 0;
    for (size_t i = 0; i < n; i++) {
        const char *kind = other_output(inputs[i]);
        if (kind) {
            errorf("report: %s is a %s file; report reads a network as GraphML (graph.graphml) or "
                   "builds one from news text",
                   inputs[i], kind);
            return EXIT_USAGE;
        }
    }
    if (is_graphml(inputs, n)) {
        const char *path = inputs[0];
        FILE *fp = fopen(path, "rb");
        if (!fp) {
            errorf("%s: %s", path, strerror(errno));
            return EXIT_FAIL;
        }
        eg_error err = {0};
        eg_status st = eg_graphml_read(fp, path, &net, &err);
        fclose(fp);
        if (st) {
            errorf("%s", err.message);
            return EXIT_FAIL;
        }
        rc = o->recompute ? compute_metrics(&net, o) : EXIT_OK;
    } else {
        eg_corpus *corpus;
        const eg_aliases *aliases;
        if ((rc = open_corpus(o, &corpus, &aliases)) != EXIT_OK)
            return rc;
        rc = extract_all(inputs, n, o, add_to_corpus, corpus, false, &skipped);
        if (rc == EXIT_OK && (rc = network_of(&corpus, aliases, o, &net)) != EXIT_OK) {
            eg_corpus_free(corpus);
            return rc;
        }
        eg_corpus_free(corpus);
        if (rc)
            return rc;
    }
    if (rc == EXIT_OK)
        rc = print_report(&net, o);
    eg_network_release(&net);
    return incomplete(rc, skipped);
}

static void train_report(void *data, const char *line)
{
    const options *o = data;
    progress_clear(o);
    fprintf(stderr, "%s: %s\n", prog, line);
}

static void train_progress(void *data, const char *what, double fraction)
{
    progress_line(data, "%s (%.0f%%)", what, 100 * fraction);
}

/* Trains a model on the operands and writes it to -o, through a temporary
 * file: a failed run leaves no half-written model. */
/* Writes a trained model to -o: whole, or not at all. */
static int write_model(const options *o, const eg_strbuf *model)
{
    eg_error err = {0};
    eg_outfile out;
    if (eg_outfile_open(&out, o->output, &err) != EG_OK) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    fwrite(model->buf, 1, model->len, out.fp);
    if (eg_outfile_commit(&out, &err) != EG_OK) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    if (!o->quiet)
        fprintf(stderr, "%s: %s written (%zu bytes)\n", prog, o->output, model->len);
    return EXIT_OK;
}

/* train --pairs: the pair scorer of role links, from the names the default
 * tagger finds in the annotated texts. */
static int run_train_pairs(char **inputs, size_t n, const options *o)
{
    eg_lexicon *lex = NULL;
    eg_tagger *tagger = NULL;
    eg_extractor *ex = NULL;
    eg_pair_trainer *tr = NULL;
    eg_error err = {0};
    eg_strbuf model = EG_STRBUF_INIT;
    int rc = load_lexicon(o, &lex);
    if (rc)
        return rc;
    if ((rc = load_tagger(o, &tagger)) != EXIT_OK)
        goto cleanup;
    if (eg_extractor_new(lex, tagger, &ex) || eg_pair_trainer_new(&tr)) {
        errorf("out of memory");
        rc = EXIT_FAIL;
        goto cleanup;
    }
    for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
        size_t docs = 0;
        if (eg_pair_trainer_add_file(tr, ex, inputs[i], &docs, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        } else if (!o->quiet) {
            fprintf(stderr, "%s: %s: %zu documents\n", prog, inputs[i], docs);
        }
    }
    size_t n_true = 0, n_pairs = eg_pair_trainer_count(tr, &n_true);
    if (rc == EXIT_OK && n_true == 0) {
        errorf("train --pairs: no true pair among the %zu candidates (no Work_For relation or role "
               "whose names the tagger finds)", n_pairs);
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && o->train.epochs > 1000) {
        errorf("train --pairs: --epochs %zu: at most 1000", o->train.epochs);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK && eg_pair_trainer_run(tr, (int)o->train.epochs, o->threshold ? o->threshold : 0.5, &model)) {
        errorf("out of memory");
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && !o->quiet)
        fprintf(stderr, "%s: %zu candidate pairs, %zu true\n", prog, n_pairs, n_true);
    if (rc == EXIT_OK)
        rc = write_model(o, &model);
cleanup:
    eg_strbuf_release(&model);
    eg_pair_trainer_free(tr);
    eg_extractor_free(ex);
    eg_tagger_free(tagger);
    eg_lexicon_free(lex);
    return rc;
}

static int run_train(char **inputs, size_t n, const options *o)
{
    if (o->pairs)
        return run_train_pairs(inputs, n, o);
    eg_lexicon *lex = NULL;
    eg_trainer *tr = NULL;
    eg_error err = {0};
    eg_strbuf model = EG_STRBUF_INIT;
    eg_train_opts opts = o->train;
    opts.data = (void *)o;
    opts.report = o->quiet ? NULL : train_report;
    opts.progress = train_progress;
    int rc = load_lexicon(o, &lex);
    if (rc)
        return rc;
    if (eg_trainer_new(lex, &opts, &tr)) {
        errorf("out of memory");
        rc = EXIT_FAIL;
        goto cleanup;
    }
    for (size_t i = 0; i < n + o->n_dev && rc == EXIT_OK; i++) {
        bool held = i >= n;
        if (eg_trainer_add_file(tr, held ? o->dev[i - n] : inputs[i], held, 1, &err)) {
            progress_clear(o);
            errorf("%s", err.message);
            rc = EXIT_FAIL;
        }
    }
    if (rc == EXIT_OK && eg_trainer_run(tr, &model, &err)) {
        progress_clear(o);
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    }
    progress_clear(o);
    if (rc == EXIT_OK)
        rc = write_model(o, &model);
cleanup:
    eg_strbuf_release(&model);
    eg_trainer_free(tr);
    eg_lexicon_free(lex);
    return rc;
}

typedef struct command {
    const char *name;
    unsigned bit;        /* ON_ bit of its options */
    const char *usage;
    const char *usage_more; /* printed after usage, or NULL */
    int (*run)(char **operands, size_t n, const options *o);
} command;

/* One document's text and metadata as a JSON line. */
static int print_text(const eg_source_doc *sd)
{
    cJSON *o = cJSON_CreateObject();
    char iso[11];
    const char *date = sd->date && eg_find_date(sd->date, strlen(sd->date), iso) ? iso : sd->date;
    bool ok = o && cJSON_AddStringToObject(o, "doc", sd->id) &&
              (sd->title ? cJSON_AddStringToObject(o, "title", sd->title) : cJSON_AddNullToObject(o, "title")) &&
              (date ? cJSON_AddStringToObject(o, "date", date) : cJSON_AddNullToObject(o, "date")) &&
              (sd->url ? cJSON_AddStringToObject(o, "url", sd->url) : cJSON_AddNullToObject(o, "url"));
    /* the text as extract reads it: invalid UTF-8 repaired */
    eg_strbuf text = EG_STRBUF_INIT;
    size_t n_bad, first_bad;
    ok = ok && eg_utf8_repair(sd->text, sd->len, &text, &n_bad, &first_bad, NULL) == EG_OK &&
         cJSON_AddStringToObject(o, "text", text.buf);
    char *line = ok ? cJSON_PrintUnformatted(o) : NULL;
    int rc = EXIT_OK;
    if (!line) {
        errorf("out of memory");
        rc = EXIT_FAIL;
    } else if (fputs(line, stdout) == EOF || putchar('\n') == EOF) {
        errorf("writing output failed: %s", strerror(errno));
        rc = EXIT_FAIL;
    }
    free(line);
    eg_strbuf_release(&text);
    cJSON_Delete(o);
    return rc;
}

static int run_text(char **inputs, size_t n, const options *o)
{
    eg_source *src = NULL;
    eg_error err = {0};
    if (eg_source_new((const char *const *)inputs, n, warn_cb, (void *)&o->quiet, &src, &err)) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    eg_source_set_max_document(src, o->max_document);
    eg_source_set_strict(src, o->strict);
    int rc = EXIT_OK;
    for (;;) {
        eg_source_doc sd;
        if (eg_source_next(src, &sd, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
            break;
        }
        if (!sd.text || (rc = print_text(&sd)) != EXIT_OK)
            break;
    }
    if (rc == EXIT_OK && eg_source_count(src) == 0) {
        errorf("no documents found in the input");
        rc = EXIT_FAIL;
    }
    size_t skipped = eg_source_skipped(src);
    eg_source_free(src);
    return incomplete(rc, skipped);
}

static const command commands[] = {
    {"build", ON_BUILD, usage_build, network_help_more, run_build},
    {"extract", ON_EXTRACT, usage_extract, NULL, run_extract},
    {"graph", ON_GRAPH, usage_graph, network_help_more, run_graph},
    {"report", ON_REPORT, usage_report, NULL, run_report},
    {"train", ON_TRAIN, usage_train, NULL, run_train},
    {"text", ON_TEXT, usage_text, NULL, run_text},
};

/* The prologue every command shares: options, help, operands, output folder. */
static int run_command(const command *cmd, int argc, char **argv)
{
    options o;
    made_dirs made = {NULL, 0}; /* the output folders this run created */
    int rc = parse_options(argc, argv, cmd->name, cmd->bit, &o);
    if (rc == EXIT_OK && o.help) {
        fputs(cmd->usage, stdout);
        if (cmd->usage_more)
            fputs(cmd->usage_more, stdout);
        goto done;
    }
    if (rc)
        goto done;
    size_t n = optind < argc ? (size_t)(argc - optind) : 0;
    if (n == 0) {
        errorf("%s: no input (see entigraph %s --help)", cmd->name, cmd->name);
        rc = EXIT_USAGE;
        goto done;
    }
    if (o.aliases) {
        eg_error err = {0};
        if (eg_aliases_load(o.aliases, &o.alias_set, &err)) {
            errorf("%s", err.message);
            rc = err.code == EG_EPARSE ? EXIT_USAGE : EXIT_FAIL;
            goto done;
        }
    }
    if (o.partial && o.output) {
        errorf("%s: --partial writes a partial state instead of a network: give it or -o DIR, not both",
               cmd->name);
        rc = EXIT_USAGE;
        goto done;
    }
    if ((cmd->bit & ON_NETWORK) && !o.partial) {
        if (!o.output) {
            errorf("%s: the output folder is missing (-o DIR)", cmd->name);
            rc = EXIT_USAGE;
            goto done;
        }
        if ((rc = make_dirs(o.output, &made)))
            goto done;
    }
    if (cmd->bit == ON_TRAIN && !o.output) {
        errorf("%s: the model file is missing (-o MODEL)", cmd->name);
        rc = EXIT_USAGE;
        goto done;
    }
    rc = cmd->run(argv + optind, n, &o);
    if (rc != EXIT_OK && rc != EXIT_INCOMPLETE)
        remove_made_dirs(&made);
done:
    free_made_dirs(&made);
    release_options(&o);
    return rc;
}

/* A failed write to standard output is reported at exit, as jq does. */
static int close_stdout(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        errorf("writing output failed: %s", strerror(errno));
        return rc ? rc : EXIT_FAIL;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_main, stdout);
        return close_stdout(EXIT_OK);
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("entigraph %s\n", EG_VERSION);
        return close_stdout(EXIT_OK);
    }
    eg_graph_setup();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return close_stdout(run_command(&commands[i], argc - 1, argv + 1));
    errorf("unknown command '%s' (see entigraph --help)", cmd);
    return EXIT_USAGE;
}

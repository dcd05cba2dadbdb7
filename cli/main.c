/*
 * entigraph - the command line: parses arguments and calls the stages.
 *
 * Exit codes: 0 success, 1 failure (bad input, I/O error), 2 usage error.
 */
#include "eg_base.h"
#include "eg_corpus.h"
#include "eg_csv.h"
#include "eg_doc.h"
#include "eg_extract.h"
#include "eg_graphml.h"
#include "eg_lexicon.h"
#include "eg_metrics.h"
#include "eg_report.h"
#include "eg_source.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

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
    "  build INPUT... -o DIR    extract, build the network, write DIR/graph.graphml and\n"
    "                           DIR/metrics.csv, print the most central entities\n"
    "  extract INPUT...         print what was found in each document as JSON Lines\n"
    "  graph FILE.jsonl... -o DIR\n"
    "                           build the network from `extract` output (any number of\n"
    "                           runs, from any number of machines)\n"
    "  report GRAPH.graphml     print the centrality report of a network written earlier\n"
    "\n"
    "INPUT is a text file, a folder (read recursively, in sorted order), - for\n"
    "standard input, or a JSON Lines file (.jsonl: one document a line with \"text\"\n"
    "and optional \"id\", \"title\", \"date\", \"url\").\n"
    "\n"
    "options:\n"
    "  -h, --help     show help (also: entigraph COMMAND --help)\n"
    "  -V, --version  show the version\n"
    "\n"
    "exit status: 0 success, 1 failure, 2 usage error\n";

static const char usage_build[] =
    "usage: entigraph build INPUT... -o DIR [options]\n"
    "\n"
    "Extracts entities and relations from INPUT (files, folders, -, .jsonl), builds the\n"
    "network, computes its metrics and writes DIR/graph.graphml (for Gephi, igraph,\n"
    "networkx) and DIR/metrics.csv, then prints the top entities.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     folder for the outputs (created if missing; required)\n"
    "      --by METRIC      rank the report by METRIC (default pagerank; also degree,\n"
    "                       weighted_degree, betweenness, community, mentions...)\n"
    "      --top N          entities in the report (default 10)\n"
    "      --type TYPE      only entities of TYPE: person, body, country, document\n"
    "      --lexicon FILE   add entries to a lexicon; FILE is named after the lexicon\n"
    "                       it extends (given_names.txt, titles.txt...); repeatable\n"
    "      --window W       co-mention window: sentence (default), paragraph, document\n"
    "      --keep-boilerplate\n"
    "                       count lines repeated across pages (site headers, footers)\n"
    "                       every time; by default they count once for the corpus\n"
    "      --conflicts      list delegations whose seat figures disagree\n"
    "  -q, --quiet          no warnings\n"
    "  -h, --help           show this help\n";

static const char usage_extract[] =
    "usage: entigraph extract INPUT... [options]\n"
    "\n"
    "Prints one JSON object a line per document: {\"doc\", \"title\", \"date\",\n"
    "\"sentences\", \"mentions\": [{\"start\", \"end\", \"type\", \"text\", \"entity\",\n"
    "\"form\", \"sentence\", \"parts\"?}], \"relations\": [{\"kind\", \"source\",\n"
    "\"source_type\", \"target\", \"target_type\", \"role\"?, \"sentence\", \"start\",\n"
    "\"end\", \"evidence\"}]}. Offsets are byte offsets into the document as read;\n"
    "\"parts\" holds the names nested in a mention.\n"
    "\n"
    "options:\n"
    "      --lexicon FILE   add entries to a lexicon (see entigraph build --help)\n"
    "  -q, --quiet          no warnings\n"
    "  -h, --help           show this help\n";

static const char usage_graph[] =
    "usage: entigraph graph FILE.jsonl... -o DIR [options]\n"
    "\n"
    "Builds the network from the output of `entigraph extract` (- reads standard\n"
    "input) and writes the same files as `entigraph build`: building a corpus and\n"
    "extracting it then graphing the result give identical bytes.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR     folder for the outputs (required)\n"
    "      --by METRIC, --top N, --type TYPE, --window W, --keep-boilerplate,\n"
    "      --conflicts      as for build\n"
    "  -q, --quiet          no warnings\n"
    "  -h, --help           show this help\n";

static const char usage_report[] =
    "usage: entigraph report GRAPH.graphml [options]\n"
    "\n"
    "Prints the centrality report of a GraphML file written by entigraph.\n"
    "\n"
    "options:\n"
    "      --by METRIC      rank by METRIC (default pagerank)\n"
    "      --top N          number of entities (default 10)\n"
    "      --type TYPE      only entities of TYPE\n"
    "      --conflicts      list delegations whose seat figures disagree\n"
    "  -h, --help           show this help\n";

typedef struct options {
    const char *output;
    const char *by;
    size_t top;
    int type;
    const char **lexicons;
    size_t n_lexicons;
    eg_window window;
    bool keep_boilerplate;
    bool conflicts;
    bool quiet;
    bool help;
} options;

enum { OPT_BY = 256, OPT_TOP, OPT_TYPE, OPT_LEXICON, OPT_WINDOW, OPT_KEEP_BOILERPLATE, OPT_CONFLICTS };

/* Parses the options of a command; returns EXIT_OK or EXIT_USAGE. Operands
 * are left in argv[optind..argc). */
static int parse_options(int argc, char **argv, const char *cmd, bool want_output, options *o)
{
    static const struct option longs[] = {
        {"output", required_argument, NULL, 'o'}, {"by", required_argument, NULL, OPT_BY},
        {"top", required_argument, NULL, OPT_TOP}, {"type", required_argument, NULL, OPT_TYPE},
        {"lexicon", required_argument, NULL, OPT_LEXICON}, {"quiet", no_argument, NULL, 'q'},
        {"window", required_argument, NULL, OPT_WINDOW},
        {"keep-boilerplate", no_argument, NULL, OPT_KEEP_BOILERPLATE},
        {"conflicts", no_argument, NULL, OPT_CONFLICTS},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->by = "pagerank";
    o->top = 10;
    o->type = -1;
    o->lexicons = calloc((size_t)argc + 1, sizeof *o->lexicons);
    if (!o->lexicons) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "o:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (!want_output) {
                errorf("%s: unknown option -o", cmd);
                return EXIT_USAGE;
            }
            o->output = optarg;
            break;
        case OPT_BY:
            o->by = optarg;
            break;
        case OPT_TOP: {
            char *end;
            errno = 0;
            long v = strtol(optarg, &end, 10);
            if (errno || *end || v <= 0) {
                errorf("%s: --top wants a positive number, not '%s'", cmd, optarg);
                return EXIT_USAGE;
            }
            o->top = (size_t)v;
            break;
        }
        case OPT_TYPE: {
            eg_type t;
            if (!eg_type_parse(optarg, &t)) {
                errorf("%s: --type wants person, body, country or document, not '%s'", cmd, optarg);
                return EXIT_USAGE;
            }
            o->type = (int)t;
            break;
        }
        case OPT_LEXICON:
            o->lexicons[o->n_lexicons++] = optarg;
            break;
        case OPT_WINDOW:
            if (!eg_window_parse(optarg, &o->window)) {
                errorf("%s: --window wants sentence, paragraph or document, not '%s'", cmd, optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_KEEP_BOILERPLATE:
            o->keep_boilerplate = true;
            break;
        case OPT_CONFLICTS:
            o->conflicts = true;
            break;
        case 'q':
            o->quiet = true;
            break;
        case 'h':
            o->help = true;
            break;
        case ':':
            errorf("%s: option %s needs a value", cmd, argv[optind - 1]);
            return EXIT_USAGE;
        default:
            errorf("%s: unknown option %s (see entigraph %s --help)", cmd, argv[optind - 1], cmd);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
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
static int make_dirs(const char *dir)
{
    char *p = eg_strdup(dir);
    if (!p) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char saved = *s;
            *s = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                errorf("%s: cannot create folder: %s", p, strerror(errno));
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

typedef eg_status (*writer_fn)(const eg_network *, FILE *, eg_error *);

static int write_file(const char *dir, const char *name, writer_fn write, const eg_network *net)
{
    char *path = path_in(dir, name);
    if (!path) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    eg_error err = {0};
    eg_outfile out;
    int rc = EXIT_OK;
    if (eg_outfile_open(&out, path, &err)) {
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    } else if (write(net, out.fp, &err)) {
        errorf("%s: %s", path, err.message);
        eg_outfile_abort(&out);
        rc = EXIT_FAIL;
    } else if (eg_outfile_commit(&out, &err)) {
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    }
    free(path);
    return rc;
}

static int print_report(const eg_network *net, const options *o)
{
    eg_report_opts ro = {.by = o->by, .top = o->top, .type = o->type, .conflicts = o->conflicts};
    const char *cols = getenv("COLUMNS");
    if (cols && atoi(cols) > 20)
        ro.width = (size_t)atoi(cols);
    eg_error err = {0};
    if (eg_report_write(net, stdout, &ro, &err)) {
        errorf("%s", err.message);
        return err.code == EG_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    return EXIT_OK;
}

/* Metrics, the two files, the report: the end shared by build and graph. */
static int finish_network(eg_corpus *corpus, const options *o)
{
    eg_error err = {0};
    eg_network net;
    int rc = EXIT_OK;
    eg_build_opts bo = {o->window, o->keep_boilerplate};
    if (eg_corpus_build(corpus, &bo, &net, &err)) {
        errorf("%s", err.message);
        return EXIT_FAIL;
    }
    if (eg_metrics_compute(&net, &err)) {
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK && !eg_network_metric(&net, o->by) && strcmp(o->by, "mentions") != 0 &&
        strcmp(o->by, "documents") != 0) {
        errorf("--by: no metric called '%s' (see entigraph build --help)", o->by);
        rc = EXIT_USAGE;
    }
    if (rc == EXIT_OK)
        rc = write_file(o->output, "graph.graphml", eg_graphml_write, &net);
    if (rc == EXIT_OK)
        rc = write_file(o->output, "metrics.csv", eg_csv_write_metrics, &net);
    if (rc == EXIT_OK)
        rc = print_report(&net, o);
    if (rc == EXIT_OK && !o->quiet) {
        fflush(stdout);
        fprintf(stderr, "%s: %zu document%s, %zu entit%s, %zu edge%s: graph.graphml and "
                "metrics.csv written in %s\n", prog, net.n_documents,
                net.n_documents == 1 ? "" : "s", net.n_nodes, net.n_nodes == 1 ? "y" : "ies",
                net.n_edges, net.n_edges == 1 ? "" : "s", o->output);
    }
    eg_network_release(&net);
    return rc;
}

/* Runs the extractor over every document of the inputs; `each` receives them. */
typedef int (*doc_fn)(void *data, const eg_doc *doc);

static int extract_all(char **inputs, size_t n, const options *o, doc_fn each, void *data)
{
    eg_lexicon *lex = NULL;
    eg_source *src = NULL;
    eg_extractor *ex = NULL;
    eg_error err = {0};
    int rc = load_lexicon(o, &lex);
    if (rc)
        return rc;
    if (eg_source_new((const char *const *)inputs, n, warn_cb, (void *)&o->quiet, &src, &err) ||
        eg_extractor_new(lex, &ex)) {
        errorf("%s", err.code ? err.message : "out of memory");
        rc = EXIT_FAIL;
        goto cleanup;
    }
    for (;;) {
        eg_source_doc sd;
        if (eg_source_next(src, &sd, &err)) {
            errorf("%s", err.message);
            rc = EXIT_FAIL;
            break;
        }
        if (!sd.text)
            break;
        eg_input in = {sd.id, sd.text, sd.len, sd.title, sd.date, sd.url};
        eg_doc doc;
        eg_extract_stats stats;
        eg_status st = eg_extract(ex, &in, &doc, &stats);
        if (st) {
            errorf("%s: %s", sd.origin, eg_strerror(st));
            eg_doc_release(&doc);
            rc = EXIT_FAIL;
            break;
        }
        if (stats.invalid_bytes && !o->quiet)
            fprintf(stderr,
                    "%s: warning: %s: %zu byte%s not valid UTF-8, replaced with U+FFFD "
                    "(first at byte offset %zu)\n",
                    prog, sd.origin, stats.invalid_bytes, stats.invalid_bytes == 1 ? " is" : "s are",
                    stats.first_invalid);
        rc = each(data, &doc);
        eg_doc_release(&doc);
        if (rc)
            break;
    }
    if (rc == EXIT_OK && eg_source_count(src) == 0) {
        errorf("no documents found in the input");
        rc = EXIT_FAIL;
    }
cleanup:
    eg_extractor_free(ex);
    eg_source_free(src);
    eg_lexicon_free(lex);
    return rc;
}

static int add_to_corpus(void *data, const eg_doc *doc)
{
    if (eg_corpus_add(data, doc)) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int check_output_option(const options *o, const char *cmd)
{
    if (!o->output) {
        errorf("%s: the output folder is missing (-o DIR)", cmd);
        return EXIT_USAGE;
    }
    return make_dirs(o->output);
}

static int cmd_build(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, "build", true, &o);
    if (rc == EXIT_OK && o.help) {
        fputs(usage_build, stdout);
        goto done;
    }
    if (rc)
        goto done;
    if (optind >= argc) {
        errorf("build: no input (see entigraph build --help)");
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = check_output_option(&o, "build")))
        goto done;
    eg_corpus *corpus = NULL;
    if (eg_corpus_new(&corpus)) {
        errorf("out of memory");
        rc = EXIT_FAIL;
        goto done;
    }
    rc = extract_all(argv + optind, (size_t)(argc - optind), &o, add_to_corpus, corpus);
    if (rc == EXIT_OK)
        rc = finish_network(corpus, &o);
    eg_corpus_free(corpus);
done:
    free(o.lexicons);
    return rc;
}

static int print_json(void *data, const eg_doc *doc)
{
    eg_strbuf *sb = data;
    eg_strbuf_reset(sb);
    if (eg_doc_to_json(doc, sb)) {
        errorf("out of memory");
        return EXIT_FAIL;
    }
    eg_strbuf_addc(sb, '\n');
    if (fwrite(sb->buf, 1, sb->len, stdout) != sb->len) {
        errorf("writing output failed: %s", strerror(errno));
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int cmd_extract(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, "extract", false, &o);
    if (rc == EXIT_OK && o.help) {
        fputs(usage_extract, stdout);
        goto done;
    }
    if (rc)
        goto done;
    if (optind >= argc) {
        errorf("extract: no input (see entigraph extract --help)");
        rc = EXIT_USAGE;
        goto done;
    }
    eg_strbuf sb = EG_STRBUF_INIT;
    rc = extract_all(argv + optind, (size_t)(argc - optind), &o, print_json, &sb);
    eg_strbuf_release(&sb);
done:
    free(o.lexicons);
    return rc;
}

/* Reads `extract` output into the corpus. */
static int read_jsonl(const char *path, eg_corpus *corpus, size_t *n_docs)
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
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (!len)
            continue;
        eg_doc doc;
        eg_error err = {0};
        if (eg_doc_from_json(line, len, &doc, &err)) {
            errorf("%s:%zu: %s", path, lineno, err.message);
            rc = EXIT_FAIL;
            break;
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
    free(line);
    if (fp != stdin)
        fclose(fp);
    return rc;
}

static int cmd_graph(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, "graph", true, &o);
    if (rc == EXIT_OK && o.help) {
        fputs(usage_graph, stdout);
        goto done;
    }
    if (rc)
        goto done;
    if (optind >= argc) {
        errorf("graph: no input (see entigraph graph --help)");
        rc = EXIT_USAGE;
        goto done;
    }
    if ((rc = check_output_option(&o, "graph")))
        goto done;
    eg_corpus *corpus = NULL;
    if (eg_corpus_new(&corpus)) {
        errorf("out of memory");
        rc = EXIT_FAIL;
        goto done;
    }
    size_t n_docs = 0;
    for (int i = optind; i < argc && rc == EXIT_OK; i++)
        rc = read_jsonl(argv[i], corpus, &n_docs);
    if (rc == EXIT_OK && n_docs == 0) {
        errorf("graph: no documents in the input");
        rc = EXIT_FAIL;
    }
    if (rc == EXIT_OK)
        rc = finish_network(corpus, &o);
    eg_corpus_free(corpus);
done:
    free(o.lexicons);
    return rc;
}

static int cmd_report(int argc, char **argv)
{
    options o;
    int rc = parse_options(argc, argv, "report", false, &o);
    if (rc == EXIT_OK && o.help) {
        fputs(usage_report, stdout);
        goto done;
    }
    if (rc)
        goto done;
    if (optind + 1 != argc) {
        errorf("report: give one GraphML file (see entigraph report --help)");
        rc = EXIT_USAGE;
        goto done;
    }
    const char *path = argv[optind];
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        errorf("%s: %s", path, strerror(errno));
        rc = EXIT_FAIL;
        goto done;
    }
    eg_network net;
    eg_error err = {0};
    if (eg_graphml_read(fp, path, &net, &err)) {
        errorf("%s", err.message);
        rc = EXIT_FAIL;
    } else {
        rc = print_report(&net, &o);
        eg_network_release(&net);
    }
    fclose(fp);
done:
    free(o.lexicons);
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
    int rc;
    if (strcmp(cmd, "build") == 0)
        rc = cmd_build(argc - 1, argv + 1);
    else if (strcmp(cmd, "extract") == 0)
        rc = cmd_extract(argc - 1, argv + 1);
    else if (strcmp(cmd, "graph") == 0)
        rc = cmd_graph(argc - 1, argv + 1);
    else if (strcmp(cmd, "report") == 0)
        rc = cmd_report(argc - 1, argv + 1);
    else {
        errorf("unknown command '%s' (see entigraph --help)", cmd);
        return EXIT_USAGE;
    }
    return close_stdout(rc);
}

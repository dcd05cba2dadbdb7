/*
 * eg_network.h - the network that graph/ builds and export/ writes: nodes
 * (entities), edges (relations between two entities) and per-node metrics.
 * It is plain data so that every exporter reads it the same way; igraph is
 * used inside graph/ to compute the metrics and never leaks into this struct.
 *
 * Ownership: an eg_network owns all its arrays and strings;
 * eg_network_release frees them. Edges' evidence texts are in the network's
 * pool (eg_network_text), not each edge's own.
 *
 * Order: nodes are sorted by (type, label) and edges by (source, target,
 * kind), so the same input always gives the same bytes out.
 */
#ifndef EG_NETWORK_H
#define EG_NETWORK_H

#include "eg_base.h"
#include "eg_doc.h"

/* Edge kinds, the most specific first. */
typedef enum eg_edge_kind {
    EG_EDGE_ROLE = 0,   /* person -> body or country, `role` holds the title(s) */
    EG_EDGE_DELEGATION, /* parliament or chamber -> assembly, `seats` */
    EG_EDGE_ADOPTED,    /* body or person -> document */
    EG_EDGE_SIGNED,
    EG_EDGE_DEVELOPED,
    EG_EDGE_APPROVED,
    EG_EDGE_PART_OF,    /* body -> body */
    EG_EDGE_COUNTRY_OF, /* body -> country */
    EG_EDGE_CO_MENTION, /* two entities named in the same window (sentence by default) */
    EG_EDGE_KIND_COUNT
} eg_edge_kind;

/* "role", "delegation", "adopted", "signed", "developed", "approved",
 * "part_of", "country_of", "co_mention". */
const char *eg_edge_kind_name(eg_edge_kind kind);
bool eg_edge_kind_parse(const char *name, eg_edge_kind *kind);

/* Separator of list values (aliases, roles) in every output format. */
#define EG_LIST_SEP "|"

typedef struct eg_node {
    char *label;          /* canonical name */
    char **aliases;       /* every surface form seen, sorted, distinct */
    size_t n_aliases;
    size_t mentions;      /* number of mentions in the corpus */
    size_t documents;     /* number of documents it appears in */
    char *website;        /* from "Website of X: URL", the latest document's; or NULL */
    /* drawing, set by eg_layout (graph/eg_layout.h) when net->has_layout */
    double x, y;          /* position */
    double size;          /* radius, from a chosen metric */
    eg_type type;
    char first_date[11];  /* earliest and latest date of those documents, */
    char last_date[11];   /* "YYYY-MM-DD", or "" when none is dated */
    unsigned char r, g, b; /* colour, by type or by community (drawing) */
} eg_node;

/*
 * One edge per pair of nodes: when several relations link the same pair, the
 * edge carries the most specific one as `kind` (role, then part_of, then
 * country_of, then co_mention) and `weight` counts every sentence that links
 * the pair. Writing one edge per pair keeps Gephi from merging parallel edges
 * on import.
 */
typedef struct eg_edge {
    size_t source, target; /* node indexes; the subject of a directed kind is the source */
    char *role;            /* role edges: the titles, joined by EG_LIST_SEP; else NULL */
    double weight;         /* number of distinct sentences linking the pair */
    size_t documents;      /* number of documents that link the pair */
    const char *evidence;  /* the first sentence stating the relation (or, for co-mention,
                              naming the pair), <= 200 characters; or NULL. In the
                              network's pool of texts (eg_network_text): one sentence
                              naming ten entities is the evidence of 45 edges */
    char *seats_history;   /* delegation edges: every figure stated, "DATE:SEATS:DOC" items
                              joined by EG_LIST_SEP in date order; else NULL */
    double pmi;            /* co-mention association: log2 of how much more often the pair
                              shares a window than chance would have it; 0 when never */
    eg_edge_kind kind;
    int seats;             /* delegation edges: seats by the latest dated document, else -1 */
    char first_date[11];
    char last_date[11];
    /* (fields in this order, the widest first: 96 bytes, not 104; a large
       network has millions of edges) */
} eg_edge;

/*
 * The merge log: why a name is one of a node's names. `alias` joined the
 * node by `rule` ("name": the entity's own name; "document_surname",
 * "document_acronym", "document_name", "document_demonym": the
 * extractor's reading within one document; "surname", "initialled", "initials",
 * "surface_form", "hyphen_variant", "head_part", "chamber", "premodifier", "reordered",
 * "country_variant": the corpus rules of eg_corpus.h; "aliases_file": the
 * user's merge) with the name `via`, first written in `document`, in the
 * sentence `example`.
 */
typedef struct eg_merge_entry {
    size_t node;
    char *alias;
    const char *rule;  /* static */
    char *via;         /* or NULL */
    char *document;
    char *example;     /* <= 200 characters, or NULL */
} eg_merge_entry;

typedef struct eg_metric {
    char *name;     /* the same name in every output: "degree", "pagerank"... */
    bool integer;   /* values are whole numbers (degree, community id) */
    double *values; /* n_nodes values */
} eg_metric;

/* A number describing the whole network ("density", "modularity"...). */
typedef struct eg_graph_attr {
    char *name;
    double value;
    bool integer;
} eg_graph_attr;

typedef struct eg_network {
    eg_node *nodes;
    size_t n_nodes;
    eg_edge *edges;
    size_t n_edges;
    eg_metric *metrics;
    size_t n_metrics;
    eg_graph_attr *attrs; /* the summary, in the order set */
    size_t n_attrs;
    eg_merge_entry *merges; /* sorted by node, then alias */
    size_t n_merges;
    bool has_layout;      /* nodes' x, y, size, r, g, b are set */
    size_t n_documents;   /* documents the network was built from */
    size_t n_dated;       /* those with a date (of publication, from metadata or a dateline) */
    eg_strpool texts;     /* the texts edges quote, each once */
} eg_network;

void eg_network_init(eg_network *net);
void eg_network_release(eg_network *net);

/* The network's copy of text s, one per distinct text, freed with the
 * network (what an edge's evidence points to); NULL when out of memory. */
const char *eg_network_text(eg_network *net, const char *s);

/* The metric called `name`, or NULL. */
const eg_metric *eg_network_metric(const eg_network *net, const char *name);

/*
 * Adds a metric column (name copied, values zeroed) and returns it through
 * *out; the pointer stays valid until the next eg_network_add_metric.
 * Replaces the values of an existing metric of the same name.
 */
eg_status eg_network_add_metric(eg_network *net, const char *name, bool integer, eg_metric **out);

/* Sets (adds or replaces) a graph-level number; the name is copied. */
eg_status eg_network_set_attr(eg_network *net, const char *name, double value, bool integer);

/* The graph-level number called `name`, or NULL. */
const eg_graph_attr *eg_network_attr(const eg_network *net, const char *name);

#endif

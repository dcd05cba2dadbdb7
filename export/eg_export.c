#include "eg_export.h"

#include "eg_dot.h"
#include "eg_gexf.h"
#include "eg_graphml.h"
#include "eg_html.h"
#include "eg_json.h"
#include "eg_svg.h"
#include "eg_tables.h"

#include <string.h>

/* eg_graphml_write has no options: GraphML is always written the same way. */
static eg_status write_graphml(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    (void)opts;
    return eg_graphml_write(net, fp, err);
}

/* The order of help texts; graphml, the default, first. */
static const eg_exporter exporters[] = {
    {"graphml", {{"graph.graphml", write_graphml}}, 1},
    {"gexf", {{"graph.gexf", eg_gexf_write}}, 1},
    {"json", {{"graph.json", eg_json_write}}, 1},
    {"csv", {{"nodes.csv", eg_tables_write_nodes}, {"edges.csv", eg_tables_write_edges}}, 2},
    {"dot", {{"graph.dot", eg_dot_write}}, 1},
    {"svg", {{"graph.svg", eg_svg_write}}, 1},
    {"html", {{"graph.html", eg_html_write}}, 1},
    {"merges", {{"merges.csv", eg_tables_write_merges}}, 1},
};
#define N_EXPORTERS (sizeof exporters / sizeof exporters[0])

const eg_exporter *eg_exporter_find(const char *format)
{
    for (size_t i = 0; format && i < N_EXPORTERS; i++)
        if (strcmp(format, exporters[i].format) == 0)
            return &exporters[i];
    return NULL;
}

size_t eg_exporter_count(void)
{
    return N_EXPORTERS;
}

const eg_exporter *eg_exporter_at(size_t i)
{
    return i < N_EXPORTERS ? &exporters[i] : NULL;
}

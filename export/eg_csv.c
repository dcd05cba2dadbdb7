#include "eg_csv.h"

#include "eg_graphml.h"

#include <string.h>

/* RFC 4180: quote only the fields that need it, doubling inner quotes. */
static void field(eg_writer *out, const char *s, bool first)
{
    if (!first)
        eg_writer_put(out, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        eg_writer_puts(out, s);
        return;
    }
    eg_writer_put(out, "\"", 1);
    for (const char *quote; (quote = strchr(s, '"')); s = quote + 1) {
        eg_writer_put(out, s, (size_t)(quote - s) + 1);
        eg_writer_put(out, "\"", 1);
    }
    eg_writer_puts(out, s);
    eg_writer_put(out, "\"", 1);
}

static void count_field(eg_writer *out, size_t value)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%zu", value);
    field(out, buf, false);
}

static void write_header(eg_writer *out, const eg_network *net)
{
    static const char *const columns[] = {"id",        "label",      "type",      "mentions",
                                          "documents", "first_date", "last_date", "website"};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        field(out, columns[i], i == 0);
    for (size_t i = 0; i < net->n_metrics; i++)
        field(out, net->metrics[i].name, false);
    eg_writer_put(out, "\n", 1);
}

static void write_row(eg_writer *out, const eg_network *net, size_t index)
{
    const eg_node *node = &net->nodes[index];
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "n%zu", index);
    field(out, buf, true);
    field(out, node->label, false);
    field(out, eg_type_name(node->type), false);
    count_field(out, node->mentions);
    count_field(out, node->documents);
    field(out, node->first_date, false);
    field(out, node->last_date, false);
    field(out, node->website, false);
    for (size_t i = 0; i < net->n_metrics; i++) {
        const eg_metric *metric = &net->metrics[i];
        field(out, eg_graphml_format_number(metric->values[index], metric->integer, buf), false);
    }
    eg_writer_put(out, "\n", 1);
}

eg_status eg_csv_write_metrics(const eg_network *net, FILE *fp, eg_error *err)
{
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "metrics CSV: cannot create the C locale");

    eg_writer out = {fp, 0};
    write_header(&out, net);
    for (size_t i = 0; i < net->n_nodes && !out.error; i++)
        write_row(&out, net, i);
    int error = eg_writer_finish(&out);

    eg_c_locale_leave(&locale);
    if (error)
        return eg_error_set(err, EG_EIO, "writing metrics CSV failed: %s", strerror(error));
    return EG_OK;
}

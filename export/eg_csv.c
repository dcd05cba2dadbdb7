#include "eg_csv.h"

#include "eg_graphml.h"

#include <errno.h>
#include <locale.h>
#include <string.h>

/* A FILE* that remembers the errno of its first failed write; later writes
 * are skipped, so a table is written straight through and checked once. */
typedef struct output {
    FILE *fp;
    int error;
} output;

static void put(output *out, const char *s, size_t len)
{
    if (out->error || !len)
        return;
    errno = 0;
    if (fwrite(s, 1, len, out->fp) != len)
        out->error = errno ? errno : EIO;
}

static void puts_raw(output *out, const char *s)
{
    put(out, s, strlen(s));
}

/* RFC 4180: quote only the fields that need it, doubling inner quotes. */
static void field(output *out, const char *s, bool first)
{
    if (!first)
        put(out, ",", 1);
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        puts_raw(out, s);
        return;
    }
    put(out, "\"", 1);
    for (const char *quote; (quote = strchr(s, '"')); s = quote + 1) {
        put(out, s, (size_t)(quote - s) + 1);
        put(out, "\"", 1);
    }
    puts_raw(out, s);
    put(out, "\"", 1);
}

static void count_field(output *out, size_t value)
{
    char buf[EG_GRAPHML_NUMBER_SIZE];
    snprintf(buf, sizeof buf, "%zu", value);
    field(out, buf, false);
}

static void write_header(output *out, const eg_network *net)
{
    static const char *const columns[] = {"id",        "label",      "type",     "mentions",
                                          "documents", "first_date", "last_date"};
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        field(out, columns[i], i == 0);
    for (size_t i = 0; i < net->n_metrics; i++)
        field(out, net->metrics[i].name, false);
    put(out, "\n", 1);
}

static void write_row(output *out, const eg_network *net, size_t index)
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
    for (size_t i = 0; i < net->n_metrics; i++) {
        const eg_metric *metric = &net->metrics[i];
        field(out, eg_graphml_format_number(metric->values[index], metric->integer, buf), false);
    }
    put(out, "\n", 1);
}

eg_status eg_csv_write_metrics(const eg_network *net, FILE *fp, eg_error *err)
{
    /* '.' as the decimal point in any LC_NUMERIC; uselocale is per thread. */
    locale_t c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (c_locale == (locale_t)0)
        return eg_error_set(err, EG_ENOMEM, "metrics CSV: cannot create the C locale");
    locale_t saved = uselocale(c_locale);

    output out = {fp, 0};
    write_header(&out, net);
    for (size_t i = 0; i < net->n_nodes && !out.error; i++)
        write_row(&out, net, i);
    errno = 0;
    if (fflush(fp) != 0 && !out.error)
        out.error = errno ? errno : EIO;
    if (ferror(fp) && !out.error)
        out.error = EIO;

    uselocale(saved);
    freelocale(c_locale);
    if (out.error)
        return eg_error_set(err, EG_EIO, "writing metrics CSV failed: %s", strerror(out.error));
    return EG_OK;
}

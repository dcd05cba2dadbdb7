/*
 * fuzz_graphml - libFuzzer target: the input bytes are a GraphML file for
 * eg_graphml_read (the `report` command's input). A network that reads is
 * then written back through every exporter (GraphML, CSV, report) to a
 * stream that discards them, as `entigraph report` would print it.
 */
#define _GNU_SOURCE /* fopencookie, in sink.h */
#include "eg_csv.h"
#include "eg_graphml.h"
#include "eg_report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sink.h"

static FILE *sink; /* discards what the writers write (sink.h) */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    sink = sink_open();
    return 0;
}

static void write_all(const eg_network *net)
{
    eg_error err = {0};
    (void)eg_graphml_write(net, sink, &err);
    (void)eg_csv_write_metrics(net, sink, &err);
    eg_report_opts ro = EG_REPORT_OPTS_INIT;
    ro.conflicts = true;
    (void)eg_report_write(net, sink, &ro, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0; /* fmemopen rejects a zero-length buffer */
    FILE *fp = fmemopen((void *)data, size, "rb");
    if (!fp)
        return 0;
    eg_network net;
    eg_error err = {0};
    if (eg_graphml_read(fp, "fuzz.graphml", &net, &err) == EG_OK) {
        write_all(&net);
        eg_network_release(&net);
    }
    fclose(fp);
    return 0;
}

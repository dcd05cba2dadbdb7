/* eg_export.c: being written */
typedef int eg_export_placeholder;

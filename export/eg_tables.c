/* eg_tables.c: being written */
typedef int eg_tables_placeholder;

/* eg_gexf.c: being written */
typedef int eg_gexf_placeholder;

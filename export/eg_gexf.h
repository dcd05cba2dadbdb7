/* eg_gexf.h: being written */

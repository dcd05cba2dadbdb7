/* eg_tables.h: being written */

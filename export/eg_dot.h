/* eg_dot.h: being written */

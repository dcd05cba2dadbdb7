/* eg_dot.c: being written */
typedef int eg_dot_placeholder;

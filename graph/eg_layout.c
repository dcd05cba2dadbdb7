/* eg_layout.c: being written */
typedef int eg_layout_placeholder;

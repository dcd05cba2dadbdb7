/* eg_svg.c: being written */
typedef int eg_svg_placeholder;

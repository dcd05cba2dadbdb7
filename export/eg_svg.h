/* eg_svg.h: being written */

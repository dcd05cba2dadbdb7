/* eg_html.h: being written */

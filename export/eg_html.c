/* eg_html.c: being written */
typedef int eg_html_placeholder;

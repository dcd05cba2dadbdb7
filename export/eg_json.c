/* eg_json.c: being written */
typedef int eg_json_placeholder;

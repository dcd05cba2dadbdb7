/* eg_json.h: being written */

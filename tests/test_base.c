/* Unit tests of common/: eg_strbuf, eg_grow, eg_map, eg_outfile and the
 * UTF-8 helpers of eg_text. */
#include "eg_base.h"
#include "eg_text.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_strbuf(void)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    tap_str(sb.buf, "", "strbuf: empty after init");
    eg_strbuf_adds(&sb, "abc");
    eg_strbuf_addc(&sb, '-');
    eg_strbuf_addf(&sb, "%d/%s", 42, "x");
    tap_str(sb.buf, "abc-42/x", "strbuf: appends");
    for (int i = 0; i < 1000; i++)
        eg_strbuf_addf(&sb, "%04d", i);
    tap_int((long long)sb.len, 8 + 4000, "strbuf: grows");
    eg_strbuf_setlen(&sb, 3);
    tap_str(sb.buf, "abc", "strbuf: setlen truncates");
    size_t len;
    char *s = eg_strbuf_detach(&sb, &len);
    tap_ok(s && strcmp(s, "abc") == 0 && len == 3 && sb.len == 0 && sb.buf[0] == '\0',
           "strbuf: detach hands over the bytes and leaves an empty buffer");
    free(s);
    s = eg_strbuf_detach(&sb, NULL);
    tap_str(s, "", "strbuf: detach of an empty buffer gives an empty string");
    free(s);
    eg_strbuf_release(&sb);
    eg_strbuf_release(&sb);
    tap_ok(sb.len == 0 && sb.alloc == 0, "strbuf: release twice is harmless");
}

static void test_map(void)
{
    eg_map *m = eg_map_new(4);
    char key[32];
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%zu", i);
        eg_map_put(m, key, i * 3);
    }
    bool ok = true;
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%zu", i);
        ok &= eg_map_get(m, key) == i * 3;
    }
    tap_ok(ok && eg_map_size(m) == 5000, "map: 5000 keys stored and found");
    eg_map_put(m, "k7", 0);
    tap_int((long long)eg_map_get(m, "k7"), 0, "map: put replaces, value 0 allowed");
    tap_ok(eg_map_get(m, "absent") == EG_NONE, "map: absent key");
    tap_int((long long)eg_map_get_or_put(m, "k9", 1), 27, "map: get_or_put finds a key");
    tap_int((long long)eg_map_get_or_put(m, "new", 42), 42, "map: get_or_put adds a key");
    tap_int((long long)eg_map_get(m, "new"), 42, "map: get_or_put stored it");
    tap_int((long long)eg_map_get_or_put(m, "new", 7), 42, "map: get_or_put keeps the value");
    ok = true;
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "g%zu", i);
        ok &= eg_map_get_or_put(m, key, i) == i && eg_map_get(m, key) == i;
    }
    tap_ok(ok && eg_map_size(m) == 10001, "map: get_or_put across growth");
    eg_map_free(m);
    eg_map_free(NULL);
}

static void test_map_intern(void)
{
    eg_map *m = eg_map_new(1);
    const char *first = eg_map_intern(m, "Vexa Council", 7);
    char key[32];
    for (int i = 0; i < 1000; i++) { /* the table grows many times over */
        snprintf(key, sizeof key, "key %d", i);
        eg_map_intern(m, key, (size_t)i);
    }
    const char *again = eg_map_intern(m, "Vexa Council", 9);
    tap_ok(first && first == again && strcmp(first, "Vexa Council") == 0,
           "map intern: one copy, the same pointer after the table grew");
    tap_ok(eg_map_get(m, "Vexa Council") == 7 && eg_map_size(m) == 1001, "map intern: the first value kept");
    eg_map_free(m);
}

static void test_strpool(void)
{
    eg_strpool pool;
    eg_strpool_init(&pool);
    char text[] = "Ola Berg met Kari Moe.";
    const char *a = eg_strpool_intern(&pool, text);
    text[0] = 'E'; /* the pool keeps its own copy */
    const char *b = eg_strpool_intern(&pool, "Ola Berg met Kari Moe.");
    const char *c = eg_strpool_intern(&pool, text);
    tap_ok(a && a == b && strcmp(a, "Ola Berg met Kari Moe.") == 0, "strpool: one copy of a text");
    tap_ok(c && c != a && strcmp(c, "Ela Berg met Kari Moe.") == 0 && pool.n == 2, "strpool: another text, another");
    eg_strpool_release(&pool);
    tap_ok(pool.n == 0 && eg_strpool_intern(&pool, "x") && pool.n == 1, "strpool: usable after release");
    eg_strpool_release(&pool);
    eg_strpool_release(&pool);
}

static void test_grow(void)
{
    int *v = NULL;
    size_t cap = 0;
    tap_ok(eg_grow(&v, &cap, 100, sizeof *v) == EG_OK && cap >= 100, "grow: makes room");
    v[99] = 7;
    tap_ok(eg_grow(&v, &cap, (size_t)-1 / 2, sizeof *v) == EG_ENOMEM && v[99] == 7,
           "grow: an impossible size is refused and the array kept");
    free(v);
}

static void test_outfile(void)
{
    char dir[] = "/tmp/eg-test-XXXXXX";
    if (!mkdtemp(dir)) {
        tap_ok(0, "outfile: temporary folder");
        return;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    eg_outfile out;
    eg_error err = {0};
    tap_ok(eg_outfile_open(&out, path, &err) == EG_OK, "outfile: open");
    fputs("hello\n", out.fp);
    struct stat sb;
    tap_ok(stat(path, &sb) != 0, "outfile: nothing at the final path before commit");
    tap_ok(eg_outfile_commit(&out, &err) == EG_OK && stat(path, &sb) == 0 && sb.st_size == 6,
           "outfile: commit renames into place");
    tap_ok(eg_outfile_open(&out, path, &err) == EG_OK, "outfile: open again");
    fputs("half", out.fp);
    eg_outfile_abort(&out);
    tap_ok(stat(path, &sb) == 0 && sb.st_size == 6, "outfile: abort keeps the old file");
    snprintf(path, sizeof path, "%s/missing/out.txt", dir);
    tap_ok(eg_outfile_open(&out, path, &err) == EG_EIO && strstr(err.message, "missing"),
           "outfile: a folder that does not exist is an error naming the path");
    snprintf(path, sizeof path, "%s/out.txt", dir);
    unlink(path);
    rmdir(dir);
}

static void test_text(void)
{
    eg_strbuf sb = EG_STRBUF_INIT;
    size_t bad, first, *shifts = NULL;
    const char in[] = "ok \xC3\xA9 \xFF\xFE end\0x";
    eg_utf8_repair(in, sizeof in - 1, &sb, &bad, &first, &shifts);
    tap_int((long long)bad, 3, "utf8: invalid bytes and NUL replaced");
    tap_int((long long)first, 6, "utf8: offset of the first bad byte");
    tap_str(sb.buf, "ok \xC3\xA9 \xEF\xBF\xBD\xEF\xBF\xBD end\xEF\xBF\xBDx", "utf8: U+FFFD in their place");
    size_t off = (size_t)(strstr(sb.buf, "end") - sb.buf);
    tap_int((long long)eg_offset_to_input(off, shifts, bad), 9, "utf8: offsets map back to the input");
    free(shifts);

    eg_strbuf_reset(&sb);
    const char *name = "  Na\xC3\xAFve \xE2\x80\x93 CAF\xC3\x89\xE2\x80\x99s  ";
    eg_normalize(name, strlen(name), &sb);
    tap_str(sb.buf, "naive - cafe's", "normalize: case-folded, accents dropped, dashes and quotes unified, spaces collapsed");
    eg_strbuf_reset(&sb);
    const char *decomposed = "Cafe\xCC\x81 \xD0\x99";
    eg_normalize(decomposed, strlen(decomposed), &sb);
    tap_str(sb.buf, "cafe \xD0\xB9", "normalize: NFC, a combining accent dropped on a Latin letter, kept in Cyrillic");
    eg_strbuf_reset(&sb);
    eg_fix_caps("Sergei POSPELOV of the UN", 25, &sb);
    tap_str(sb.buf, "Sergei Pospelov of the Un", "fix caps: words in capitals get lower-case tails");
    eg_strbuf_reset(&sb);
    eg_fix_caps("THOMAS GARDNER III met LOUIS XIV, CIVIL", 39, &sb);
    tap_str(sb.buf, "Thomas Gardner III met Louis XIV, Civil", "fix caps: Roman numerals keep their capitals");
    eg_strbuf_release(&sb);
}

int main(void)
{
    test_strbuf();
    test_map();
    test_map_intern();
    test_strpool();
    test_grow();
    test_outfile();
    test_text();
    return tap_done();
}

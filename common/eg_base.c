#include "eg_base.h"

#include "eg_hash.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char eg_strbuf_empty[1];

const char *eg_strerror(eg_status status)
{
    switch (status) {
    case EG_OK: return "success";
    case EG_ENOMEM: return "out of memory";
    case EG_EIO: return "input/output error";
    case EG_EPARSE: return "malformed input";
    case EG_EINVAL: return "invalid argument";
    case EG_EGRAPH: return "graph library error";
    case EG_ENOINPUT: return "no input documents";
    }
    return "unknown error";
}

void eg_error_clear(eg_error *err)
{
    if (!err)
        return;
    err->code = EG_OK;
    err->message[0] = '\0';
}

eg_status eg_error_set(eg_error *err, eg_status code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->code = code;
    return code;
}

void eg_strbuf_init(eg_strbuf *sb)
{
    sb->buf = eg_strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
    sb->failed = false;
}

void eg_strbuf_release(eg_strbuf *sb)
{
    if (!sb)
        return;
    if (sb->alloc)
        free(sb->buf);
    eg_strbuf_init(sb);
}

void eg_strbuf_reset(eg_strbuf *sb)
{
    sb->len = 0;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

static bool strbuf_reserve(eg_strbuf *sb, size_t extra)
{
    if (sb->failed)
        return false;
    if (extra > SIZE_MAX - sb->len - 1) {
        sb->failed = true;
        return false;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return true;
    size_t cap = sb->alloc ? sb->alloc : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(sb->alloc ? sb->buf : NULL, cap);
    if (!p) {
        sb->failed = true;
        return false;
    }
    if (!sb->alloc)
        p[0] = '\0';
    sb->buf = p;
    sb->alloc = cap;
    return true;
}

/* The bytes eg_strbuf_add_json escapes (and the NUL that ends a string). */
static const bool json_stop[256] = {
    [0x00] = true, [0x01] = true, [0x02] = true, [0x03] = true, [0x04] = true, [0x05] = true,
    [0x06] = true, [0x07] = true, [0x08] = true, [0x09] = true, [0x0A] = true, [0x0B] = true,
    [0x0C] = true, [0x0D] = true, [0x0E] = true, [0x0F] = true, [0x10] = true, [0x11] = true,
    [0x12] = true, [0x13] = true, [0x14] = true, [0x15] = true, [0x16] = true, [0x17] = true,
    [0x18] = true, [0x19] = true, [0x1A] = true, [0x1B] = true, [0x1C] = true, [0x1D] = true,
    [0x1E] = true, [0x1F] = true, ['"'] = true, ['\\'] = true};

/* The runs between escapes are copied whole, found with one table look-up a
 * byte. */
void eg_strbuf_add_json(eg_strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    eg_strbuf_addc(sb, '"');
    const char *p = s ? s : "";
    for (;;) {
        const char *run = p;
        while (!json_stop[(unsigned char)*p])
            p++;
        eg_strbuf_add(sb, run, (size_t)(p - run));
        unsigned char c = (unsigned char)*p;
        if (!c)
            break;
        p++;
        char esc[6] = {'\\', (char)c, '0', '0', hex[c >> 4], hex[c & 15]};
        switch (c) {
        case '"': case '\\': break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            eg_strbuf_add(sb, esc, 6);
            continue;
        }
        eg_strbuf_add(sb, esc, 2);
    }
    eg_strbuf_addc(sb, '"');
}

void eg_strbuf_add(eg_strbuf *sb, const char *data, size_t len)
{
    /* reserve only when the bytes do not fit: most appends are short */
    if (!len || ((sb->failed || sb->alloc - sb->len <= len) && !strbuf_reserve(sb, len)))
        return;
    memmove(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void eg_strbuf_adds(eg_strbuf *sb, const char *s)
{
    eg_strbuf_add(sb, s, strlen(s));
}

void eg_strbuf_addf(eg_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->failed = true;
    } else if ((size_t)n < sizeof small) {
        eg_strbuf_add(sb, small, (size_t)n);
    } else if (strbuf_reserve(sb, (size_t)n)) {
        vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap2);
        sb->len += (size_t)n;
    }
    va_end(ap2);
}

void eg_strbuf_setlen(eg_strbuf *sb, size_t len)
{
    if (len >= sb->len)
        return;
    sb->len = len;
    sb->buf[len] = '\0';
}

eg_status eg_strbuf_status(const eg_strbuf *sb)
{
    return sb->failed ? EG_ENOMEM : EG_OK;
}

char *eg_strbuf_detach(eg_strbuf *sb, size_t *len)
{
    char *out = NULL;
    if (sb->failed) {
        eg_strbuf_release(sb);
        if (len)
            *len = 0;
        return NULL;
    }
    if (sb->alloc) {
        out = sb->buf;
    } else {
        out = malloc(1);
        if (out)
            out[0] = '\0';
    }
    if (len)
        *len = sb->len;
    eg_strbuf_init(sb);
    return out;
}

eg_status eg_grow(void *ptrp, size_t *cap, size_t need, size_t elem_size)
{
    void **pp = (void **)ptrp;
    if (need <= *cap)
        return EG_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return EG_ENOMEM;
        n *= 2;
    }
    if (n > SIZE_MAX / elem_size)
        return EG_ENOMEM;
    void *p = realloc(*pp, n * elem_size);
    if (!p)
        return EG_ENOMEM;
    *pp = p;
    *cap = n;
    return EG_OK;
}

char *eg_strdup(const char *s)
{
    return s ? eg_strndup(s, strlen(s)) : NULL;
}

char *eg_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Open addressing with linear probing; each slot keeps its key's hash so
 * that a probe compares strings only when the hashes agree. (libxml2's table,
 * used before, stops growing at 16,384 buckets and compares every key of a
 * chain.) Hash 0 marks an empty slot. The table grows when three quarters
 * full: the hashes make a longer probe cheap, and the lexicon's 90,000
 * phrases then fit a table half the size. */
typedef struct map_slot {
    uint64_t hash;
    char *key;
    size_t value;
} map_slot;

/* Key copies live in blocks that double in size up to MAP_BLOCK_MAX: one
 * malloc per block rather than one per key, whose header and rounding cost
 * as much again as a short key. */
typedef struct map_block {
    struct map_block *next;
    size_t used, cap;
    char data[];
} map_block;

enum { MAP_BLOCK_MIN = 256, MAP_BLOCK_MAX = 64 * 1024 };

struct eg_map {
    map_slot *slots;
    size_t cap; /* a power of two */
    size_t n;
    map_block *blocks; /* the newest first */
};

static uint64_t key_hash(const char *key)
{
    uint64_t h = eg_hash_str(EG_HASH_SEED, key);
    return h ? h : 1;
}

static bool map_over_full(size_t n, size_t cap)
{
    return n * 4 > cap * 3;
}

eg_map *eg_map_new(size_t size_hint)
{
    eg_map *map = malloc(sizeof *map);
    if (!map)
        return NULL;
    size_t cap = 16;
    while (map_over_full(size_hint, cap) && cap < ((size_t)1 << 40))
        cap *= 2;
    map->slots = calloc(cap, sizeof *map->slots);
    if (!map->slots) {
        free(map);
        return NULL;
    }
    map->cap = cap;
    map->n = 0;
    map->blocks = NULL;
    return map;
}

void eg_map_free(eg_map *map)
{
    if (!map)
        return;
    for (map_block *b = map->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(map->slots);
    free(map);
}

/* A copy of key in the map's blocks, or NULL when out of memory. */
static char *map_copy_key(eg_map *map, const char *key)
{
    size_t len = strlen(key) + 1;
    map_block *b = map->blocks;
    if (!b || b->cap - b->used < len) {
        size_t cap = b ? (b->cap < MAP_BLOCK_MAX ? b->cap * 2 : b->cap) : MAP_BLOCK_MIN;
        if (cap < len)
            cap = len;
        map_block *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        map->blocks = b = nb;
    }
    char *copy = b->data + b->used;
    memcpy(copy, key, len);
    b->used += len;
    return copy;
}

static map_slot *map_find(const eg_map *map, const char *key, uint64_t h)
{
    size_t mask = map->cap - 1;
    size_t i = (size_t)h & mask;
    while (map->slots[i].hash && (map->slots[i].hash != h || strcmp(map->slots[i].key, key) != 0))
        i = (i + 1) & mask;
    return &map->slots[i];
}

static eg_status map_grow(eg_map *map)
{
    size_t cap = map->cap * 2;
    map_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return EG_ENOMEM;
    for (size_t i = 0; i < map->cap; i++) {
        const map_slot *s = &map->slots[i];
        if (!s->hash)
            continue;
        size_t j = (size_t)s->hash & (cap - 1);
        while (slots[j].hash)
            j = (j + 1) & (cap - 1);
        slots[j] = *s;
    }
    free(map->slots);
    map->slots = slots;
    map->cap = cap;
    return EG_OK;
}

/* Stores key (a copy) with value in the empty slot s found for hash h,
 * growing the table first when it would be over full. */
static eg_status map_insert(eg_map *map, map_slot *s, const char *key, uint64_t h, size_t value)
{
    if (map_over_full(map->n + 1, map->cap)) {
        if (map_grow(map) != EG_OK)
            return EG_ENOMEM;
        s = map_find(map, key, h);
    }
    char *copy = map_copy_key(map, key);
    if (!copy)
        return EG_ENOMEM;
    s->hash = h;
    s->key = copy;
    s->value = value;
    map->n++;
    return EG_OK;
}

eg_status eg_map_put(eg_map *map, const char *key, size_t value)
{
    uint64_t h = key_hash(key);
    map_slot *s = map_find(map, key, h);
    if (s->hash) {
        s->value = value;
        return EG_OK;
    }
    return map_insert(map, s, key, h, value);
}

size_t eg_map_get_or_put(eg_map *map, const char *key, size_t value)
{
    uint64_t h = key_hash(key);
    map_slot *s = map_find(map, key, h);
    if (s->hash)
        return s->value;
    return map_insert(map, s, key, h, value) == EG_OK ? value : EG_NONE;
}

size_t eg_map_get(const eg_map *map, const char *key)
{
    const map_slot *s = map_find(map, key, key_hash(key));
    return s->hash ? s->value : EG_NONE;
}

size_t eg_map_size(const eg_map *map)
{
    return map->n;
}

const char *eg_map_intern(eg_map *map, const char *key, size_t value)
{
    uint64_t h = key_hash(key);
    map_slot *s = map_find(map, key, h);
    if (!s->hash && map_insert(map, s, key, h, value) != EG_OK)
        return NULL;
    /* map_insert may have grown the table: find the slot again */
    return map_find(map, key, h)->key;
}

void eg_strpool_init(eg_strpool *pool)
{
    pool->n = 0;
    pool->index = NULL;
}

void eg_strpool_release(eg_strpool *pool)
{
    eg_map_free(pool->index);
    eg_strpool_init(pool);
}

const char *eg_strpool_intern(eg_strpool *pool, const char *s)
{
    if (!pool->index && !(pool->index = eg_map_new(1024)))
        return NULL;
    size_t before = eg_map_size(pool->index);
    const char *copy = eg_map_intern(pool->index, s, before);
    pool->n = eg_map_size(pool->index);
    return copy;
}

eg_status eg_outfile_open(eg_outfile *out, const char *path, eg_error *err)
{
    out->fp = NULL;
    out->path = eg_strdup(path);
    size_t n = strlen(path);
    out->tmp_path = malloc(n + 16);
    if (!out->path || !out->tmp_path) {
        free(out->path);
        free(out->tmp_path);
        out->path = out->tmp_path = NULL;
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    }
    memcpy(out->tmp_path, path, n);
    memcpy(out->tmp_path + n, ".tmp.XXXXXX", 12);
    int fd = mkstemp(out->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(out->path);
        free(out->tmp_path);
        out->path = out->tmp_path = NULL;
        return eg_error_set(err, EG_EIO, "%s: cannot create file: %s", path, strerror(e));
    }
    /* mkstemp creates 0600; give the result the permissions a plain fopen would. */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        int e = errno;
        close(fd);
        unlink(out->tmp_path);
        free(out->path);
        free(out->tmp_path);
        out->path = out->tmp_path = NULL;
        return eg_error_set(err, EG_EIO, "%s: cannot open: %s", path, strerror(e));
    }
    return EG_OK;
}

eg_status eg_outfile_finish(eg_outfile *out, eg_error *err)
{
    if (!out->fp)
        return eg_error_set(err, EG_EINVAL, "output file is not open");
    bool bad = ferror(out->fp) != 0;
    int e = bad ? EIO : 0;
    if (fflush(out->fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (fclose(out->fp) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    out->fp = NULL;
    if (!bad)
        return EG_OK;
    eg_status st = eg_error_set(err, EG_EIO, "%s: write failed: %s", out->path, strerror(e));
    eg_outfile_abort(out);
    return st;
}

eg_status eg_outfile_publish(eg_outfile *out, eg_error *err)
{
    eg_status st = EG_OK;
    if (out->fp || !out->tmp_path)
        return eg_error_set(err, EG_EINVAL, "output file is not finished");
    if (rename(out->tmp_path, out->path) != 0) {
        int e = errno;
        unlink(out->tmp_path);
        st = eg_error_set(err, EG_EIO, "%s: write failed: %s", out->path, strerror(e));
    }
    free(out->path);
    free(out->tmp_path);
    out->path = out->tmp_path = NULL;
    return st;
}

eg_status eg_outfile_commit(eg_outfile *out, eg_error *err)
{
    eg_status st = eg_outfile_finish(out, err);
    return st ? st : eg_outfile_publish(out, err);
}

void eg_outfile_abort(eg_outfile *out)
{
    if (!out)
        return;
    if (out->fp) {
        fclose(out->fp);
        out->fp = NULL;
    }
    if (out->tmp_path)
        unlink(out->tmp_path);
    free(out->path);
    free(out->tmp_path);
    out->path = out->tmp_path = NULL;
}

void eg_writer_put(eg_writer *w, const char *s, size_t len)
{
    if (w->error || !len)
        return;
    errno = 0;
    if (fwrite(s, 1, len, w->fp) != len)
        w->error = errno ? errno : EIO;
}

void eg_writer_puts(eg_writer *w, const char *s)
{
    eg_writer_put(w, s, strlen(s));
}

void eg_writer_printf(eg_writer *w, const char *fmt, ...)
{
    if (w->error)
        return;
    va_list ap;
    va_start(ap, fmt);
    errno = 0;
    if (vfprintf(w->fp, fmt, ap) < 0)
        w->error = errno ? errno : EIO;
    va_end(ap);
}

int eg_writer_finish(eg_writer *w)
{
    errno = 0;
    if (fflush(w->fp) != 0 && !w->error)
        w->error = errno ? errno : EIO;
    if (ferror(w->fp) && !w->error)
        w->error = EIO;
    return w->error;
}

bool eg_c_locale_enter(eg_c_locale *l)
{
    l->saved = (locale_t)0;
    l->c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (l->c_locale == (locale_t)0)
        return false;
    l->saved = uselocale(l->c_locale);
    return true;
}

void eg_c_locale_leave(eg_c_locale *l)
{
    if (!l || l->c_locale == (locale_t)0)
        return;
    uselocale(l->saved);
    freelocale(l->c_locale);
    l->c_locale = l->saved = (locale_t)0;
}

eg_status eg_read_file(const char *path, eg_strbuf *out, eg_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return eg_error_set(err, EG_EIO, "%s: %s", path, strerror(errno));
    char buf[65536];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        /* small files only: an endless device given by mistake ends here */
        if ((total += n) > EG_READ_FILE_MAX) {
            fclose(fp);
            return eg_error_set(err, EG_EIO, "%s: larger than %d MB, too large for this file", path,
                                EG_READ_FILE_MAX >> 20);
        }
        eg_strbuf_add(out, buf, n);
    }
    int e = ferror(fp) ? errno : 0;
    bool bad = ferror(fp) != 0;
    fclose(fp);
    if (bad)
        return eg_error_set(err, EG_EIO, "%s: read error: %s", path, strerror(e ? e : EIO));
    if (eg_strbuf_status(out))
        return eg_error_set(err, EG_ENOMEM, "%s: out of memory", path);
    return EG_OK;
}

/* A byte at a time, the stream locked once for the line rather than once
 * a byte (getc locks in a program with threads: a fifth of extract's time
 * on a JSON Lines corpus went there). */
ssize_t eg_read_line(FILE *fp, char **buf, size_t *cap, size_t limit)
{
    size_t len = 0;
    ssize_t result = 0;
    int ch;
    flockfile(fp);
    while ((ch = getc_unlocked(fp)) != EOF) {
        if (len + 2 > *cap) {
            size_t n = *cap ? *cap * 2 : 4096;
            char *p = realloc(*buf, n);
            if (!p) {
                result = -3;
                break;
            }
            *buf = p;
            *cap = n;
        }
        (*buf)[len++] = (char)ch;
        if (ch == '\n')
            break;
        if (len > limit) {
            result = -2;
            break;
        }
    }
    funlockfile(fp);
    if (result)
        return result;
    if (len == 0)
        return -1;
    (*buf)[len] = '\0';
    return (ssize_t)len;
}

int eg_skip_line(FILE *fp, size_t limit)
{
    int ch, result = 0;
    flockfile(fp);
    for (size_t n = 0; (ch = getc_unlocked(fp)) != EOF; n++) {
        if (ch == '\n')
            break;
        if (ch == '\0' || n >= limit) {
            result = -2;
            break;
        }
    }
    if (ch == EOF && ferror(fp))
        result = -1;
    funlockfile(fp);
    return result;
}

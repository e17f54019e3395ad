/*
 * dlopen.h - libraries loaded on first need (dlopen), not at start-up.
 *
 * declutter is often run once per page; libtidy, uchardet and simdjson
 * (the last two bring libstdc++) cost the dynamic loader some 3 million
 * instructions a run, while a run on UTF-8 text needs none of them.  So
 * each is opened with dlopen(3) when a document first needs it, as
 * systemd loads its optional libraries.
 */
#ifndef DC_DLOPEN_H
#define DC_DLOPEN_H

#include <pthread.h>

/* One function to look up: its name and where its address goes. */
struct dc_sym {
    void **fn;
    const char *name;
};

/* A library to load: statically initialised with DC_LIB. */
struct dc_lib {
    const char *file;            /* soname, or absolute path, for dlopen */
    const struct dc_sym *syms;   /* ended by { NULL, NULL } */
    pthread_mutex_t lock;
    int state;                   /* 0 not tried, 1 loaded, -1 failed */
    char error[256];             /* "cannot load FILE: why", when failed */
};

#define DC_LIB(file, syms) { (file), (syms), PTHREAD_MUTEX_INITIALIZER, 0, "" }
#define DC_SYM(f) { (void **)&sym_##f, #f },

/* A library's functions are listed once, as an X-macro LIST(X) that
 * calls X(name) for each: DC_SYM_POINTERS(LIST) declares a pointer
 * sym_name of each one's type, DC_SYM_TABLE(table, LIST) the table for
 * DC_LIB. */
#define DC_SYM_POINTER(f) static __typeof__(f) *sym_##f;
#define DC_SYM_POINTERS(list) list(DC_SYM_POINTER)
#define DC_SYM_TABLE(table, list) \
    static const struct dc_sym table[] = {list(DC_SYM){ NULL, NULL }}

/*
 * Load lib and look up all its functions, the first time it is asked
 * for (from any thread); later calls give the same answer.  Returns 0,
 * or -1 with lib->error set; with report, the failed attempt writes
 * "declutter: cannot load FILE: why" on stderr (once: it is not tried
 * again).
 */
int dc_lib_load(struct dc_lib *lib, int report);

#endif

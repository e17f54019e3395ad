/*
 * dlopen.c - libraries loaded on first need; see dlopen.h.
 */
#include "config.h"

#include "dlopen.h"

#include <dlfcn.h>
#include <stdio.h>

static int
try_load(struct dc_lib *lib)
{
    void *h = dlopen(lib->file, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(lib->error, sizeof lib->error, "cannot load %s: %s",
                 lib->file, why ? why : "unknown error");
        return -1;
    }
    for (const struct dc_sym *s = lib->syms; s->name; s++) {
        dlerror();
        void *f = dlsym(h, s->name);
        if (!f) {
            const char *why = dlerror();
            snprintf(lib->error, sizeof lib->error, "cannot load %s: %s",
                     lib->file, why ? why : s->name);
            /* no half-loaded library: its pointers stay NULL */
            for (const struct dc_sym *t = lib->syms; t != s; t++)
                *t->fn = NULL;
            dlclose(h);
            return -1;
        }
        *s->fn = f;
    }
    return 0; /* never closed: its functions are used until exit */
}

int
dc_lib_load(struct dc_lib *lib, int report)
{
    pthread_mutex_lock(&lib->lock);
    if (lib->state == 0) {
        lib->state = try_load(lib) == 0 ? 1 : -1;
        if (lib->state < 0 && report)
            fprintf(stderr, "declutter: %s\n", lib->error);
    }
    int state = lib->state;
    pthread_mutex_unlock(&lib->lock);
    return state > 0 ? 0 : -1;
}

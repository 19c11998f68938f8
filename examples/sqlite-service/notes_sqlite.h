// A small C wrapper around SQLite for the cgo example (stands in for a cgo driver such as
// mattn/go-sqlite3, which also links SQLite into the binary).
#include <sqlite3.h>

int notes_open(const char *path, sqlite3 **db);
int notes_exec(sqlite3 *db, const char *sql);
int notes_add(sqlite3 *db, const char *text);
int notes_count(sqlite3 *db, long long *out);

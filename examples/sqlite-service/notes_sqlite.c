#include "notes_sqlite.h"

int notes_open(const char *path, sqlite3 **db) { return sqlite3_open(path, db); }

int notes_exec(sqlite3 *db, const char *sql) {
	char *err = 0;
	int rc = sqlite3_exec(db, sql, 0, 0, &err);
	if (err) sqlite3_free(err);
	return rc;
}

int notes_add(sqlite3 *db, const char *text) {
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "INSERT INTO notes(text) VALUES (?)", -1, &st, 0);
	if (rc != SQLITE_OK) return rc;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int notes_count(sqlite3 *db, long long *out) {
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM notes", -1, &st, 0);
	if (rc != SQLITE_OK) return rc;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

package main

// SQLite is linked statically into the binary (libsqlite3.a), as cgo drivers that bundle it do;
// the binary still needs the C library (glibc) at run time.

// #cgo LDFLAGS: -l:libsqlite3.a -lm
// #include <stdlib.h>
// #include "notes_sqlite.h"
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

type db struct {
	mu sync.Mutex
	h  *C.sqlite3
}

func openDB(path string) (*db, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	d := &db{}
	if rc := C.notes_open(cpath, &d.h); rc != C.SQLITE_OK {
		return nil, fmt.Errorf("sqlite open %s: code %d", path, int(rc))
	}
	if err := d.exec("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, text TEXT NOT NULL)"); err != nil {
		return nil, err
	}
	return d, nil
}

func (d *db) exec(sql string) error {
	csql := C.CString(sql)
	defer C.free(unsafe.Pointer(csql))
	if rc := C.notes_exec(d.h, csql); rc != C.SQLITE_OK {
		return fmt.Errorf("sqlite exec: code %d", int(rc))
	}
	return nil
}

func (d *db) add(text string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))
	if rc := C.notes_add(d.h, ctext); rc != C.SQLITE_OK {
		return fmt.Errorf("sqlite insert: code %d", int(rc))
	}
	return nil
}

func (d *db) count() (int64, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var n C.longlong
	if rc := C.notes_count(d.h, &n); rc != C.SQLITE_OK {
		return 0, fmt.Errorf("sqlite count: code %d", int(rc))
	}
	return int64(n), nil
}

func sqliteVersion() string { return C.GoString(C.sqlite3_libversion()) }

// notes: an HTTP service storing notes in SQLite through cgo, used by `npm run prove`.
// With SELFTEST=1 it serves on loopback, adds a note through its own API, reads the count and exits 0.
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

var version = "dev"

// banner is returned by GET /; `npm run prove` edits this line to time a source-only rebuild.
const banner = "notes: POST /notes, GET /notes/count"

func routes(d *db) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/notes", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<16))
		if err := d.add(string(b)); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("/notes/count", func(w http.ResponseWriter, _ *http.Request) {
		n, err := d.count()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(w, "%d notes (sqlite %s, notes %s)\n", n, sqliteVersion(), version)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, banner) })
	return mux
}

func selftest(d *db) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln, routes(d)) }()
	base := "http://" + ln.Addr().String()
	resp, err := http.Post(base+"/notes", "text/plain", strings.NewReader("hello"))
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return fmt.Errorf("POST /notes: status %d", resp.StatusCode)
	}
	resp, err = http.Get(base + "/notes/count")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("selftest: POST /notes, GET /notes/count -> %d %s", resp.StatusCode, body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func main() {
	path := os.Getenv("NOTES_DB")
	if path == "" {
		path = filepath.Join(os.TempDir(), "notes.db")
	}
	d, err := openDB(path)
	if err != nil {
		log.Fatal(err)
	}
	if os.Getenv("SELFTEST") != "" {
		if err := selftest(d); err != nil {
			log.Fatal("selftest: ", err)
		}
		return
	}
	log.Printf("notes %s (sqlite %s) on :8080, database %s", version, sqliteVersion(), path)
	log.Fatal(http.ListenAndServe(":8080", routes(d)))
}

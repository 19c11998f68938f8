// kvstore: a pure-Go HTTP key-value service (standard library only), used by `npm run prove`.
// With SELFTEST=1 it serves on loopback, stores and reads a key through its own API, verifies a real
// public TLS chain against the system CA certificates as an HTTPS client would (tlscheck.go), and exits 0.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
)

var version = "dev"

// banner is returned by GET /; `npm run prove` edits this line to time a source-only rebuild.
const banner = "kvstore: PUT /kv/KEY, GET /kv/KEY"

type store struct {
	mu sync.RWMutex
	m  map[string]string
}

func (s *store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/kv/")
	switch r.Method {
	case http.MethodPut:
		b, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		s.m[key] = string(b)
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	case http.MethodGet:
		s.mu.RLock()
		v, ok := s.m[key]
		s.mu.RUnlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"key": key, "value": v})
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/kv/", &store{m: map[string]string{}})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok", version) })
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, banner) })
	return mux
}

func selftest() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln, routes()) }()
	base := "http://" + ln.Addr().String()
	req, _ := http.NewRequest(http.MethodPut, base+"/kv/greeting", bytes.NewBufferString("hello"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.Get(base + "/kv/greeting")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("selftest: PUT+GET /kv/greeting -> %d %s", resp.StatusCode, body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	chain, err := verifyChain()
	if err != nil {
		return err
	}
	fmt.Printf("selftest: TLS chain %s verified against the system CA certificates\n", chain)
	return nil
}

func main() {
	if os.Getenv("SELFTEST") != "" {
		if err := selftest(); err != nil {
			log.Fatal("selftest: ", err)
		}
		return
	}
	log.Printf("kvstore %s listening on :8080", version)
	log.Fatal(http.ListenAndServe(":8080", routes()))
}

// A tiny HTTP service used by `npm start` and `npm run prove` to show go-dockerfile on a real project.
// With SELFTEST=1 it serves on loopback, requests its own /healthz and exits 0 when that answers.
package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"

	"example.com/hello/internal/greet"
)

var version = "dev"

func routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, greet.Line(r.URL.Query().Get("name")))
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok", version)
	})
	return mux
}

// selftest serves the real routes on a loopback port and requests /healthz (works with --network=none).
func selftest() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(ln, routes()) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("selftest: GET /healthz -> %d %s", resp.StatusCode, body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func main() {
	if os.Getenv("SELFTEST") != "" {
		if err := selftest(); err != nil {
			log.Fatal("selftest: ", err)
		}
		return
	}
	log.Fatal(http.ListenAndServe(":8080", routes()))
}

package main

import (
	"log"
	"net/http"

	"github.com/google/uuid"
)

func main() {
	id := uuid.NewString()
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(id)) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}

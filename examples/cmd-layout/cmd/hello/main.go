// hello prints the greeting once: a second main package, as in most cmd/ layouts.
package main

import (
	"fmt"
	"os"
	"strings"

	"example.com/hello/internal/greet"
)

func main() {
	fmt.Println(greet.Line(strings.Join(os.Args[1:], " ")))
}

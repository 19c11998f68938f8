// Package greet holds the text both commands print; `npm run prove` edits the greeting to time a
// source-only rebuild.
package greet

// Greeting is what the service answers on /.
const Greeting = "hello"

// Line returns the greeting for a name.
func Line(name string) string {
	if name == "" {
		return Greeting
	}
	return Greeting + ", " + name
}

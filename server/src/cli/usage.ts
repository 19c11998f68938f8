// The help text of the go-dockerfile command.
import { VERSION } from '../engine/meta';

export const USAGE = `go-dockerfile ${VERSION}: lint and fix Dockerfiles of Go programs

Usage:
  go-dockerfile lint [options] FILE...     lint Dockerfiles ("-" reads standard input)
  go-dockerfile rules [--format text|json] list the rules
  go-dockerfile generate [DIR] [options]   write an optimised Dockerfile for the Go project
                                           in DIR (see go-dockerfile generate --help)
  go-dockerfile --help | --version

Lint options:
  --format text|json   output format (default text; json: {"version":1,"files":[...]})
  --fix                apply safe fixes in place, re-lint and report what remains
  --unsafe-fixes       with --fix or --diff, also apply unsafe fixes (suggestions never)
  --diff               write nothing; print a unified diff of what --fix would change
  --show-fixes         list the fixes of each finding with their safety
  --rule CODE=LEVEL    set a rule's level; CODE is a code or a name, LEVEL is
                       off, error, warning, info or hint; repeatable
  --workspace DIR      take Go project facts from DIR (default: the nearest
                       directory upward holding go.mod, else the Dockerfile's directory)
  --no-workspace       lint the Dockerfile text alone, without project facts
  --no-fail            exit 0 even when warnings or errors are found
  --no-color           no colours (colours are used only on a terminal, never with NO_COLOR set)

Exit status:
  0  no finding of severity warning or error (after --fix: none remains)
  1  at least one warning or error
  2  usage error, or a file could not be read (the other files are still linted)
`;

// The help text of the go-dockerfile command.
import { VERSION } from '../engine/meta';

export const USAGE = `go-dockerfile ${VERSION}: lint and fix Dockerfiles of Go programs

Usage:
  go-dockerfile lint [options] [PATH...]   lint Dockerfiles; a directory is searched for
                                           Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile
                                           and Containerfile* (skipping .git, node_modules,
                                           vendor); no PATH: the current directory; "-" reads
                                           standard input
  go-dockerfile rules [--format text|json] list the rules
  go-dockerfile generate [DIR] [options]   write an optimised Dockerfile for the Go project
                                           in DIR (see go-dockerfile generate --help)
  go-dockerfile --help | --version

Lint options:
  --format FORMAT      text (default: findings with the source line, colours on a terminal),
                       json ({"version":1,"files":[...]}), sarif (SARIF 2.1.0 with fixes, for
                       GitHub code scanning), github (workflow commands: annotations in GitHub
                       Actions), checkstyle (XML, e.g. Jenkins), gitlab (GitLab Code Quality JSON)
  -o, --output FILE    write the report to FILE instead of standard output
  --fail-on LEVEL      exit 1 when a finding of LEVEL or above remains: error, warning
                       (default), info, hint, or none (never)
  --no-fail            the same as --fail-on none
  --fix                apply safe fixes in place, re-lint and report what remains
  --unsafe-fixes       with --fix or --diff, also apply unsafe fixes (suggestions never)
  --diff               write nothing; print a unified diff of what --fix would change
  --show-fixes         list the fixes of each finding with their safety (text format)
  --rule CODE=LEVEL    set a rule's level; CODE is a code or a name, LEVEL is
                       off, error, warning, info or hint; repeatable; wins over the configuration
  --config FILE        use this .go-dockerfile.json for every file (default: the nearest one
                       upward from each Dockerfile)
  --stdin-filename P   with "-": report standard input as P, and find its workspace and
                       configuration from P's directory
  --workspace DIR      take Go project facts from DIR (default: the nearest
                       directory upward holding go.mod, else the Dockerfile's directory)
  --no-workspace       lint the Dockerfile text alone, without project facts
  --no-color           no colours (colours are used only on a terminal, never with NO_COLOR set)

Examples:
  go-dockerfile lint                                  every Dockerfile below the current directory
  go-dockerfile lint --fix build/Dockerfile           apply the safe fixes, show what remains
  go-dockerfile lint --diff --unsafe-fixes .          preview all automatic fixes as a diff
  go-dockerfile lint --format sarif -o go-dockerfile.sarif .
  go-dockerfile lint --format github --fail-on error  annotations in a GitHub Actions job
  cat Dockerfile | go-dockerfile lint --stdin-filename svc/Dockerfile -
  go-dockerfile lint --rule GD005=off --rule GD018=error Dockerfile

Exit status:
  0  no finding at or above the --fail-on level (after --fix: none remains)
  1  at least one finding at or above the --fail-on level (default: a warning or an error)
  2  usage error, or a path, a file or the configuration could not be used: a missing or
     unreadable file, a directory without Dockerfiles, a binary file, a file over 5 MB,
     an invalid configuration (the other files are still linted and reported)
`;

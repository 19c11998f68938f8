// A large generated Go workspace for the event-loop tests: `packages` directories of `filesPerPackage`
// Go files each (imports, an embed, 40 functions per file), every tenth package a main package whose
// functions read config files.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export function writeBigWorkspace(dir: string, packages = 260, filesPerPackage = 20): { goFiles: number } {
  writeFileSync(path.join(dir, 'go.mod'), 'module example.com/big\n\ngo 1.26\n\nrequire github.com/google/uuid v1.6.0\n');
  writeFileSync(path.join(dir, 'go.sum'), '');
  writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
  for (let p = 0; p < packages; p++) {
    const main = p % 10 === 0;
    const d = path.join(dir, main ? `cmd/app${p}` : `internal/p${p}`);
    mkdirSync(d, { recursive: true });
    for (let f = 0; f < filesPerPackage; f++) {
      const body = [`package ${main ? 'main' : `p${p}`}`, '', 'import (', '\t"fmt"', '\t"net/http"', '\t"os"', `\t"example.com/big/internal/p${(p + 1) % packages}"`, ')', '', '//go:embed static/*', 'var static string', ''];
      // Main packages read config files at run time (facts the runtime-files rule checks).
      const read = (k: number) => (main ? `; _, _ = os.ReadFile("conf/${k}.yaml")` : '; _ = os.Args');
      for (let k = 0; k < 40; k++) body.push(`func F${f}_${k}() { fmt.Println("${k}", http.StatusOK)${read(k)} }`);
      if (main && f === 0) body.push('func main() { _ = http.ListenAndServe(":8080", nil) }');
      writeFileSync(path.join(d, `f${f}.go`), `${body.join('\n')}\n`);
    }
  }
  return { goFiles: packages * filesPerPackage };
}

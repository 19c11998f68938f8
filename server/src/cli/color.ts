// ANSI colours for terminal output; a disabled palette returns its input unchanged.
import type { Severity } from '../engine/types';

export interface Palette {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  severity(sev: Severity, s: string): string;
}

function wrap(enabled: boolean, open: string, close: string): (s: string) => string {
  return enabled ? (s: string) => `\u001b[${open}m${s}\u001b[${close}m` : (s: string) => s;
}

export function palette(enabled: boolean): Palette {
  const p = {
    bold: wrap(enabled, '1', '22'),
    dim: wrap(enabled, '2', '22'),
    red: wrap(enabled, '31', '39'),
    green: wrap(enabled, '32', '39'),
    yellow: wrap(enabled, '33', '39'),
    cyan: wrap(enabled, '36', '39'),
  };
  return {
    ...p,
    severity(sev, s) {
      switch (sev) {
        case 'error':
          return p.bold(p.red(s));
        case 'warning':
          return p.yellow(s);
        case 'info':
          return p.cyan(s);
        case 'hint':
          return p.dim(s);
      }
    },
  };
}

/** Colour only when stdout is a terminal, NO_COLOR is not set and --no-color was not given. */
export function colorEnabled(noColorFlag: boolean, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return !noColorFlag && stream.isTTY === true && env.NO_COLOR === undefined;
}

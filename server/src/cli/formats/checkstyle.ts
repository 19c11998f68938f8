// Checkstyle XML (version 4.3): read by Jenkins (Warnings Next Generation), reviewdog, SonarQube
// importers and many CI dashboards. Every linted file is listed, with or without errors.
import type { Severity } from '../../engine/types';
import type { FileReport } from '../output';
import { reportPath } from './location';

/**
 * Escapes an attribute value: markup characters, and whitespace that attribute normalisation would
 * turn into spaces; characters XML 1.0 cannot carry at all become U+FFFD.
 */
export function xmlAttr(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function severity(s: Severity): string {
  return s === 'hint' ? 'info' : s;
}

export function formatCheckstyle(files: FileReport[], cwd: string): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<checkstyle version="4.3">'];
  for (const r of files) {
    out.push(`  <file name="${xmlAttr(reportPath(cwd, r))}">`);
    for (const f of r.findings) {
      out.push(
        `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${severity(f.severity)}" message="${xmlAttr(`${f.message} (${f.name})`)}" source="go-dockerfile.${xmlAttr(f.code)}"/>`,
      );
    }
    out.push('  </file>');
  }
  out.push('</checkstyle>');
  return `${out.join('\n')}\n`;
}

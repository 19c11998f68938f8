// SARIF 2.1.0 (OASIS): one run, the rule catalogue as tool.driver.rules, results with exact regions
// and every fix as artifactChanges/replacements. Columns are UTF-16 code units (SARIF's default).
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { PARSER_PROBLEMS } from '../../engine/lint';
import { docUrl, REPOSITORY, VERSION } from '../../engine/meta';
import type { Finding, Fix, Severity, TextEdit } from '../../engine/types';
import { RULES } from '../../rules';
import type { FileReport, Located } from '../output';
import { oneBased, relativeTo } from './location';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = 'SRCROOT';

export interface SarifInput {
  files: FileReport[];
  /** The directory the CLI ran in: SRCROOT. */
  cwd: string;
  /** Problems that stopped a file or the configuration from being read (exit status 2). */
  errors: string[];
}

function level(sev: Severity): Sarif.ReportingConfiguration.level {
  return sev === 'error' ? 'error' : sev === 'warning' ? 'warning' : 'note';
}

function catalogue(): Sarif.ReportingDescriptor[] {
  const rules: Sarif.ReportingDescriptor[] = RULES.map((r) => ({
    id: r.meta.code,
    name: r.meta.name,
    shortDescription: { text: r.meta.description },
    helpUri: docUrl(r.meta.code) as string,
    defaultConfiguration: { level: level(r.meta.defaultSeverity) },
    properties: { fixable: r.meta.fixable ?? 'none' },
  }));
  for (const p of PARSER_PROBLEMS) {
    rules.push({
      id: p.code,
      name: p.name,
      shortDescription: { text: p.description },
      helpUri: docUrl(p.code) as string,
      defaultConfiguration: { level: 'warning' },
      properties: { fixable: 'none' },
    });
  }
  return rules;
}

/** A relative URI reference: each path segment percent-encoded. */
function uriReference(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(file: Located, cwd: string): Sarif.ArtifactLocation {
  const rel = relativeTo(cwd, file);
  if (rel !== undefined) return { uri: uriReference(rel), uriBaseId: SRCROOT };
  if (file.abs !== undefined) return { uri: pathToFileURL(file.abs).href };
  return { uri: uriReference(file.path) };
}

function sarifFix(fix: Fix, report: FileReport, cwd: string): Sarif.Fix {
  const byFile = new Map<string | undefined, TextEdit[]>();
  for (const e of fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return {
    description: { text: fix.title },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: artifactLocation(report.locate(file), cwd),
      replacements: edits.map((e) => ({
        deletedRegion: oneBased(e.range),
        ...(e.newText !== '' ? { insertedContent: { text: e.newText } } : {}),
      })),
    })),
    properties: { safety: fix.safety },
  };
}

function result(f: Finding, report: FileReport, cwd: string, ruleIndex: number): Sarif.Result {
  const fixes = f.fixes.filter((x) => x.edits.length > 0);
  return {
    ruleId: f.code,
    ruleIndex,
    level: level(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(report, cwd), region: oneBased(f.range) } }],
    ...(f.related && f.related.length > 0
      ? {
          relatedLocations: f.related.map((r, id) => ({
            id,
            message: { text: r.message },
            physicalLocation: { artifactLocation: artifactLocation(r.file === undefined ? report : report.locate(r.file), cwd), region: oneBased(r.range) },
          })),
        }
      : {}),
    ...(fixes.length > 0 ? { fixes: fixes.map((x) => sarifFix(x, report, cwd)) } : {}),
    properties: { severity: f.severity },
  };
}

export function formatSarif(input: SarifInput): string {
  const rules = catalogue();
  const results: Sarif.Result[] = [];
  for (const report of input.files) {
    for (const f of report.findings) {
      let index = rules.findIndex((r) => r.id === f.code);
      if (index < 0) {
        // e.g. GD000 internal-error: not in the catalogue, still described.
        rules.push({ id: f.code, name: f.name, shortDescription: { text: f.name }, defaultConfiguration: { level: level(f.severity) } });
        index = rules.length - 1;
      }
      results.push(result(f, report, input.cwd, index));
    }
  }
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'go-dockerfile', version: VERSION, semanticVersion: VERSION, informationUri: REPOSITORY, rules } },
        invocations: [
          {
            executionSuccessful: input.errors.length === 0,
            ...(input.errors.length > 0 ? { toolExecutionNotifications: input.errors.map((m) => ({ level: 'error' as const, message: { text: m } })) } : {}),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(input.cwd).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

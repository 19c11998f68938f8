// "Show rule documentation": a QuickPick of the rules. The list comes from this extension's own
// manifest (the goDockerfile.rules schema, generated from the server's registry by
// `npm run generate:manifest`), so the client holds no rule table of its own.
import * as vscode from 'vscode';

export interface RuleEntry {
  code: string;
  name: string;
  description: string;
  url: string;
}

interface RuleSchema {
  title?: unknown;
  description?: unknown;
  markdownDescription?: unknown;
}

/** Reads the rules from a package.json object (contributes.configuration → goDockerfile.rules). */
export function rulesFromManifest(packageJSON: unknown): RuleEntry[] {
  const contributes = (packageJSON as { contributes?: { configuration?: unknown } } | undefined)?.contributes;
  const configs = Array.isArray(contributes?.configuration) ? contributes.configuration : [contributes?.configuration];
  for (const config of configs as { properties?: Record<string, { properties?: Record<string, RuleSchema> }> }[]) {
    const rules = config?.properties?.['goDockerfile.rules']?.properties;
    if (!rules) continue;
    return Object.entries(rules).flatMap(([code, schema]) => {
      const url = /\]\((https?:\/\/[^)\s]+)\)/.exec(String(schema.markdownDescription ?? ''))?.[1];
      if (typeof schema.title !== 'string' || url === undefined) return [];
      return [{ code, name: schema.title, description: typeof schema.description === 'string' ? schema.description : '', url }];
    });
  }
  return [];
}

/** The doc page shipped in the extension (docs/rules/<name>.md), when there is one. */
function localDoc(context: vscode.ExtensionContext, rule: RuleEntry): vscode.Uri {
  const file = /\/docs\/rules\/([^/#?]+\.md)/.exec(rule.url)?.[1] ?? `${rule.name}.md`;
  return vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', file);
}

export async function showRuleDocPicker(context: vscode.ExtensionContext): Promise<void> {
  const rules = rulesFromManifest(context.extension.packageJSON);
  const offline: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('book'), tooltip: 'Open the copy shipped with the extension' };
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { rule: RuleEntry }>();
  pick.title = 'Go Dockerfile: rule documentation';
  pick.placeholder = 'Type a rule code or name';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = rules.map((rule) => ({ label: rule.code, description: rule.name, detail: rule.description, rule, buttons: [offline] }));
  const chosen = await new Promise<{ rule: RuleEntry; local: boolean } | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0] ? { rule: pick.selectedItems[0].rule, local: false } : undefined));
    pick.onDidTriggerItemButton((e) => resolve({ rule: e.item.rule, local: true }));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return;
  if (chosen.local) {
    await vscode.commands.executeCommand('markdown.showPreview', localDoc(context, chosen.rule));
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(chosen.rule.url));
}

// Editor support files: the JSON Schemas under .cs-train/schemas/ and the `yaml.schemas` mapping in
// .vscode/settings.json that tells yaml-language-server (VS Code's YAML extension) which file uses which.
import { generateEditorSchemas } from './json-schemas.js';

/** Where the schemas go, relative to the repository root. */
export const SCHEMA_DIR = '.cs-train/schemas';

/** A file to write, relative to the repository root. */
export interface EditorFile {
  path: string;
  contents: string;
}

/** The schema files, one per source kind. */
export function editorSchemaFiles(): EditorFile[] {
  return generateEditorSchemas().map((s) => ({ path: `${SCHEMA_DIR}/${s.file}`, contents: JSON.stringify(s.schema, null, 2) + '\n' }));
}

/** The `yaml.schemas` entries: schema path → globs from the workspace root ("/" is the root for yaml-language-server). */
export function yamlSchemasSetting(sourceRel: string): Record<string, string[]> {
  const base = sourceRel.replace(/\\/g, '/').replace(/^\.\/+|\/+$/g, '');
  const prefix = base === '' || base === '.' ? '/' : `/${base}/`;
  const out: Record<string, string[]> = {};
  for (const s of generateEditorSchemas()) {
    if (s.globs.length > 0) out[`./${SCHEMA_DIR}/${s.file}`] = s.globs.map((g) => prefix + g);
  }
  return out;
}

/**
 * .vscode/settings.json with our `yaml.schemas` entries merged into `existing` (other settings and
 * other schema mappings kept); undefined when `existing` is not plain JSON (comments), so it is left alone.
 */
export function vscodeSettings(existing: string | undefined, sourceRel: string): string | undefined {
  let settings: Record<string, unknown> = {};
  if (existing !== undefined && existing.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(existing);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
      settings = parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const current = settings['yaml.schemas'];
  const kept = current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
  const ours = yamlSchemasSetting(sourceRel);
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(kept)) if (!k.startsWith(`./${SCHEMA_DIR}/`)) merged[k] = v;
  Object.assign(merged, ours);
  settings['yaml.schemas'] = merged;
  return JSON.stringify(settings, null, 2) + '\n';
}

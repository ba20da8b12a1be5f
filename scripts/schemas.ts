/**
 * `npm run schemas`: writes schemas/<collection>.schema.json from the zod
 * schemas in src/model, with each field's JSDoc as its description, for
 * editors. `--check` only compares, and exits 1 when the files are stale.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseOptions } from './args.ts';
import ts from 'typescript';
import { collectionJsonSchema, type FieldDocs } from '../src/core/views/json-schema.ts';
import { BUILTIN_KINDS } from '../src/model/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(ROOT, 'src/model');
export const SCHEMA_DIR = join(ROOT, 'schemas');

/** JSDoc of every property of every object literal under `export const X = …`, as X → { 'field' | 'field.sub': text }. */
function jsdocByExport(file: string): Record<string, Record<string, string>> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const result: Record<string, Record<string, string>> = {};
  const collect = (node: ts.Node, prefix: string, into: Record<string, string>) => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
        const key = `${prefix}${property.name.text}`;
        const doc = ts
          .getJSDocCommentsAndTags(property)
          .map((d) => (typeof d.comment === 'string' ? d.comment : ''))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim();
        if (doc) into[key] = doc;
        collect(property.initializer, `${key}.`, into);
      }
      return;
    }
    ts.forEachChild(node, (child) => collect(child, prefix, into));
  };
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
      const docs: Record<string, string> = {};
      collect(declaration.initializer, '', docs);
      if (Object.keys(docs).length) result[declaration.name.text] = docs;
    }
  }
  return result;
}

export async function fieldDocs(): Promise<FieldDocs> {
  const docs: FieldDocs = new Map();
  for (const name of readdirSync(MODEL).filter((f) => f.endsWith('.ts'))) {
    const file = join(MODEL, name);
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [exported, fields] of Object.entries(jsdocByExport(file))) {
      if (module[exported]) docs.set(module[exported], fields);
    }
  }
  return docs;
}

export async function generateSchemas(): Promise<Record<string, string>> {
  const docs = await fieldDocs();
  return Object.fromEntries(BUILTIN_KINDS.map((kind) => [`${kind.name}.schema.json`, `${JSON.stringify(collectionJsonSchema(kind, docs), null, 2)}\n`]));
}

export const EDITOR_SETTINGS = join(ROOT, '.vscode/settings.json');

/** `.vscode/settings.json` with the YAML extension pointed at the schema of every catalogue kind (the other settings kept). */
export function editorSettings(current: string): string {
  const settings = JSON.parse(current) as Record<string, unknown>;
  settings['yaml.schemas'] = Object.fromEntries(BUILTIN_KINDS.filter((k) => k.format === 'yaml').map((k) => [`./schemas/${k.name}.schema.json`, `content/${k.name}/*.{yaml,yml}`]));
  return `${JSON.stringify(settings, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  parseOptions({ check: { type: 'boolean' } }, 'Usage: npm run schemas -- [--check]');
  const files = await generateSchemas();
  const settings = editorSettings(readFileSync(EDITOR_SETTINGS, 'utf8'));
  if (settings !== readFileSync(EDITOR_SETTINGS, 'utf8')) {
    if (process.argv.includes('--check')) {
      console.error('Out of date: .vscode/settings.json. Run npm run schemas.');
      process.exit(1);
    }
    writeFileSync(EDITOR_SETTINGS, settings);
  }
  const check = process.argv.includes('--check');
  const stale = Object.entries(files).filter(([name, text]) => !existsSync(join(SCHEMA_DIR, name)) || readFileSync(join(SCHEMA_DIR, name), 'utf8') !== text);
  if (check) {
    if (stale.length) {
      console.error(`Out of date: ${stale.map(([n]) => `schemas/${n}`).join(', ')}. Run npm run schemas.`);
      process.exit(1);
    }
    console.log('schemas/ is up to date.');
  } else {
    mkdirSync(SCHEMA_DIR, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(SCHEMA_DIR, name), text);
    console.log(`Wrote ${Object.keys(files).length} schemas to schemas/.`);
  }
}

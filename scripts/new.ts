/**
 * `npm run new -- <kind> <id> [--field value …]`: writes a new document from
 * its kind's template with every required section. Missing required fields
 * are asked for in a terminal, each answer checked as it is given; without a
 * terminal, the command names them and stops. It never overwrites a
 * document, and it checks the result before writing it.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { today } from '../src/core/clock.ts';
import { formatText, type Diagnostic } from '../src/core/diagnostics/diagnostics.ts';
import { parseDocument } from '../src/core/load/load.ts';
import { openProject } from '../src/core/project.ts';
import { answerProblem, describeField, idProblem, newDocumentPath, renderTemplate, type Answers } from '../src/core/views/templates.ts';

function rootArg(): string {
  const at = process.argv.indexOf('--root');
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : process.cwd();
}

// The project first: a site's config may add kinds of its own.
const project = await openProject(rootArg());
const kinds = project.kinds.all;
const USAGE = `Usage: npm run new -- <${kinds.map((k) => k.noun).join('|')}> <id> [--field value …] [--root <dir>]
Fields:
${kinds.map((k) => `  ${k.noun}: ${k.template.fields.map(describeField).join(' ')}`).join('\n')}`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const allFields = [...new Set(kinds.flatMap((k) => k.template.fields.map((f) => f.name)))];
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { root: { type: 'string', default: process.cwd() }, help: { type: 'boolean' }, ...Object.fromEntries(allFields.map((f) => [f, { type: 'string' as const }])) },
  });
} catch (error) {
  usage((error as Error).message);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [kindArg, id, ...extra] = parsed.positionals;
if (!kindArg || !id || extra.length) usage('Give the kind of document and its id.');
const kind = project.kinds.byNoun(kindArg);
if (!kind) usage(`Unknown kind "${kindArg}".`);
const problem = idProblem(kind, id);
if (problem) usage(problem);

const root = parsed.values.root as string;
const now = today();
const specs = kind.template.fields;
const known = (collection: string) => [...(project.byId[collection]?.keys() ?? [])].sort();
const answers: Answers = {};
for (const spec of specs) {
  const value = (parsed.values as unknown as Record<string, string | undefined>)[spec.name];
  if (value !== undefined) answers[spec.name] = value;
}
const unknown = Object.keys(parsed.values).filter((k) => !['root', 'help'].includes(k) && !specs.some((s) => s.name === k));
if (unknown.length) usage(`A ${kind.noun} has no field ${unknown.map((u) => `--${u}`).join(', ')}.`);

const isRequired = (spec: (typeof specs)[number]) => (typeof spec.required === 'function' ? spec.required(answers) : spec.required);

// Answers given as flags are checked at once, each with a did-you-mean.
const flagProblems = specs.flatMap((spec) => {
  const value = answers[spec.name];
  const why = value ? answerProblem(spec, value, known) : undefined;
  return why ? [`--${spec.name}: ${why}`] : [];
});
if (flagProblems.length) usage(`${flagProblems.join('\n')}\nNothing was written.`);

// Ask for what is missing, in a terminal only; a wrong answer is asked again, not lost.
const missing = () => specs.filter((s) => isRequired(s) && !answers[s.name]);
if (missing().length) {
  if (!process.stdin.isTTY) {
    usage(`Missing (stdin is not a terminal, so nothing can be asked): ${missing().map((s) => `--${s.name} (${s.question}${s.choices ? `: ${s.choices.join('|')}` : ''})`).join(', ')}.`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  for (const spec of specs) {
    if (answers[spec.name] || !isRequired(spec)) continue;
    for (;;) {
      const answer = (await rl.question(`${spec.question}${spec.choices ? ` [${spec.choices.join('/')}]` : ''}: `)).trim();
      const why = answer ? answerProblem(spec, answer, known) : 'This field is required.';
      if (!why) {
        answers[spec.name] = answer;
        break;
      }
      console.log(`  ${why}`);
    }
  }
  rl.close();
}
for (const spec of specs) if (!answers[spec.name] && spec.fallback) answers[spec.name] = spec.fallback(answers, now);

const file = newDocumentPath(kind, id, answers, now);
const collectionDir = join(root, 'content', kind.name);
const pathInCollection = relative(collectionDir, join(root, file));
// Refuse to overwrite, whatever the extension: x.md and x.mdx would share an id.
const stem = join(root, file).replace(/\.(md|yaml)$/, '');
const clash = existsSync(dirname(stem)) ? readdirSync(dirname(stem)).find((name) => join(dirname(stem), name).replace(/\.[^./]+$/, '').toLowerCase() === stem.toLowerCase()) : undefined;
if (clash) {
  console.error(`${relative(root, join(dirname(stem), clash))} already exists; nothing was written. Choose another id or edit that file.`);
  process.exit(1);
}

const text = renderTemplate(kind, id, answers, now);
const problems: Diagnostic[] = [];
const doc = parseDocument(kind, pathInCollection, text, project.config, problems);
// References must name existing documents.
for (const ref of kind.references(doc.raw ?? {})) {
  if (!ref.targets.some((t) => project.byId[t]?.has(ref.id))) {
    problems.push({ file, line: doc.yaml?.locate(ref.path).line ?? 0, column: 1, severity: 'error', rule: 'refs/missing', message: `No ${project.kinds.nouns(ref.targets)} "${ref.id}"`, hint: `Known: ${ref.targets.flatMap(known).join(', ')}.` });
  }
}
if (problems.some((p) => p.severity === 'error')) {
  console.error(`${formatText(problems)}\nNothing was written.`);
  process.exit(1);
}
mkdirSync(dirname(join(root, file)), { recursive: true });
writeFileSync(join(root, file), text);
console.log(`Created ${file}. Fill in the sections, then run npm run check.`);

/**
 * `npm run new`: where a new document of a kind goes and what it starts as,
 * from the kind's template (src/model/<kind>.ts), and the check of each
 * answer as it is given.
 */
import type { Answers, Kind, TemplateField } from '../../model/index.ts';
import { folderedIdProblem, splitList } from '../../model/template-text.ts';
import { suggest } from '../diagnostics/suggest.ts';

export type { Answers } from '../../model/index.ts';

/** Why an id cannot be used for a new document of `kind`, or undefined. */
export function idProblem(kind: Kind, id: string): string | undefined {
  return kind.template.idProblem ? kind.template.idProblem(id) : folderedIdProblem(kind.noun, id);
}

/** Path of the new file, relative to the project root. */
export function newDocumentPath(kind: Kind, id: string, answers: Answers, today: string): string {
  return kind.template.path ? kind.template.path({ id, answers, today }) : `content/${kind.name}/${id}${kind.extensions[0]}`;
}

export function renderTemplate(kind: Kind, id: string, answers: Answers, today: string): string {
  return kind.template.render({ id, answers, today });
}

/** `--severity (critical|warning|info)`, `--owner (a teams id)`: a field as `--help` lists it. */
export function describeField(field: TemplateField): string {
  const what = field.choices ? field.choices.join('|') : field.references ? `a ${field.references} id${field.list ? ', comma-separated' : ''}` : field.list ? 'comma-separated' : undefined;
  const when = field.required === true ? '' : field.when ? `, ${field.when}` : ', optional';
  return `--${field.name}${what || when ? ` (${[what, when.replace(/^, /, '')].filter(Boolean).join('; ')})` : ''}`;
}

/**
 * What is wrong with one answer, with a did-you-mean, or undefined when it is
 * fine. `known` lists the ids of each collection a field may reference.
 */
export function answerProblem(field: TemplateField, value: string, known: (collection: string) => readonly string[]): string | undefined {
  if (field.choices && !field.choices.includes(value)) {
    const match = value.length > 2 ? suggest(value, field.choices) : undefined;
    return `"${value}" is not one of ${field.choices.join(', ')}${match ? `; did you mean "${match}"?` : '.'}`;
  }
  if (field.references) {
    const ids = known(field.references);
    for (const item of field.list ? splitList(value) : [value]) {
      if (ids.includes(item)) continue;
      const match = suggest(item, ids);
      return `There is no ${field.references.replace(/s$/, '')} "${item}"${match ? `; did you mean "${match}"?` : '.'} Known: ${ids.join(', ') || 'none yet'}.`;
    }
  }
  return undefined;
}

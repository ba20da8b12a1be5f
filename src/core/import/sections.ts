/**
 * Body sections of imported documents against the kinds' section rules (the
 * site's configuration included): which required sections a document has,
 * which heading stands for which section, and what import adds so a
 * document passes `check` (a renamed heading, a stub "Not written yet", a
 * pointer to the heading that holds it). Also proposes `sections` aliases
 * when many documents use the same non-English heading in place of a
 * required section.
 */
import type { Root } from 'mdast';
import type { SectionRule } from '../../model/sections.ts';
import { normaliseHeading, taskItems } from '../load/markdown.ts';
import { slug as githubSlug } from 'github-slugger';
import { assignHeadingIds } from '../../markdown/remark-heading-ids.ts';
import { endOf, startOf, topSections, type Edit, type TopSection } from './markdown.ts';
import type { AliasProposal, Change } from './types.ts';

/**
 * Known translations of the sections' names (German, French, Spanish,
 * Portuguese, Italian, Dutch, Polish, Swedish, Russian, Ukrainian, Chinese,
 * Japanese, Korean, Turkish). A heading found here is proposed as an alias;
 * it is never renamed.
 */
export const TRANSLATIONS: Record<string, readonly string[]> = {
  Symptoms: ['Symptome', 'Anzeichen', 'Symptômes', 'Síntomas', 'Sintomas', 'Sintomi', 'Symptomen', 'Objawy', 'Symtom', 'Симптомы', 'Симптоми', '症状', '现象', '現象', '症狀', '증상', 'Belirtiler'],
  Meaning: ['Bedeutung', 'Beschreibung', 'Signification', 'Significado', 'Descripción', 'Descrição', 'Significato', 'Descrizione', 'Betekenis', 'Beschrijving', 'Znaczenie', 'Opis', 'Betydelse', 'Значение', 'Описание', 'Значення', 'Опис', '含义', '说明', '描述', '含義', '說明', '意味', '概要', '説明', '의미', '설명', 'Anlamı', 'Açıklama'],
  Overview: ['Überblick', 'Übersicht', 'Aperçu', 'Vue d’ensemble', "Vue d'ensemble", 'Resumen general', 'Visão geral', 'Panoramica', 'Overzicht', 'Przegląd', 'Översikt', 'Обзор', 'Огляд', '概述', '概览', '概況', '개요', 'Genel bakış'],
  Impact: ['Auswirkung', 'Auswirkungen', 'Folgen', 'Impacto', 'Impatto', 'Gevolgen', 'Wpływ', 'Skutki', 'Påverkan', 'Влияние', 'Последствия', 'Вплив', '影响', '影響', '影响范围', '影響範囲', '영향', 'Etki'],
  Diagnosis: ['Diagnose', 'Fehleranalyse', 'Diagnostic', 'Diagnóstico', 'Diagnosi', 'Diagnoza', 'Diagnos', 'Felsökning', 'Диагностика', 'Діагностика', '诊断', '排查', '診断', '診斷', '調査', '진단', 'Teşhis', 'Tanı'],
  Mitigation: ['Behebung', 'Abhilfe', 'Maßnahmen', 'Lösung', 'Atténuation', 'Remédiation', 'Résolution', 'Mitigación', 'Solución', 'Mitigação', 'Solução', 'Mitigazione', 'Risoluzione', 'Oplossing', 'Mitigatie', 'Łagodzenie', 'Rozwiązanie', 'Åtgärd', 'Åtgärder', 'Устранение', 'Решение', 'Усунення', 'Рішення', '缓解', '处理', '解决', '处置', '緩和', '対処', '対応', '緩解', '處理', '완화', '조치', '해결', 'Çözüm'],
  Escalation: ['Eskalation', 'Escalade', 'Escalamiento', 'Escalado', 'Escalonamento', 'Escalatie', 'Eskalacja', 'Eskalering', 'Эскалация', 'Ескалація', '升级', '上报', 'エスカレーション', '升級', '에스컬레이션', 'Eskalasyon'],
  Verification: ['Überprüfung', 'Verifizierung', 'Prüfung', 'Vérification', 'Verificación', 'Verificação', 'Verifica', 'Verificatie', 'Weryfikacja', 'Verifiering', 'Проверка', 'Перевірка', '验证', '確認', '検証', '驗證', '검증', '확인', 'Doğrulama'],
  Summary: ['Zusammenfassung', 'Résumé', 'Resumen', 'Resumo', 'Sommario', 'Riepilogo', 'Samenvatting', 'Podsumowanie', 'Sammanfattning', 'Сводка', 'Резюме', 'Підсумок', '摘要', '总结', '概要', '要約', '요약', 'Özet'],
  Rollback: ['Rückabwicklung', 'Zurücksetzen', 'Retour arrière', 'Reversión', 'Reversão', 'Ripristino', 'Terugdraaien', 'Wycofanie', 'Återställning', 'Откат', 'Відкат', '回滚', 'ロールバック', '回滾', '롤백', 'Geri alma'],
};

/**
 * English headings teams use in place of the sections' names ("Resolution"
 * for Mitigation, "Troubleshooting" for Diagnosis). Found as words inside a
 * heading ("Troubleshooting Pointers"), they are proposed as aliases too.
 */
export const SYNONYMS: Record<string, readonly string[]> = {
  Symptoms: ['Symptom', 'Signs', 'Alert description'],
  Impact: ['Customer impact', 'User impact', 'Business impact', 'Consequences', 'Blast radius'],
  Diagnosis: ['Troubleshooting', 'Troubleshoot', 'Diagnostics', 'Diagnose', 'Investigation', 'Triage', 'Possible checks', 'Debugging'],
  Mitigation: ['Resolution', 'Remediation', 'Remedy', 'Workaround', 'Mitigations', 'Recovery steps', 'How to fix'],
  Escalation: ['Escalations', 'Escalate', 'Who to contact'],
  Verification: ['Validation', 'Post-checks', 'Post checks'],
  Rollback: ['Roll back', 'Backout', 'Back out', 'Revert'],
};

const word = (key: string) => new RegExp(`(?<![\\p{L}\\p{N}])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u');

const TRANSLATION_INDEX = new Map<string, string[]>();
for (const [section, words] of Object.entries(TRANSLATIONS)) {
  for (const word of words) {
    const key = normaliseHeading(word);
    TRANSLATION_INDEX.set(key, [...(TRANSLATION_INDEX.get(key) ?? []), section]);
  }
}

const SYNONYM_WORDS = Object.entries(SYNONYMS).flatMap(([section, words]) => words.map((w) => ({ section, key: normaliseHeading(w) })));

/**
 * The canonical names a heading may stand for: a translation of the name
 * (`Diagnose` → Diagnosis), or an English synonym found as words in it
 * (`Troubleshooting Pointers` → Diagnosis). Several different ones: none.
 */
export function translationOf(key: string): string[] {
  const exact = TRANSLATION_INDEX.get(key);
  if (exact) return exact;
  const sections = [...new Set(SYNONYM_WORDS.filter((w) => word(w.key).test(key)).map((w) => w.section))];
  return sections.length === 1 ? sections : [];
}

function keysOf(rule: SectionRule, extra: ReadonlyMap<string, readonly string[]>): string[] {
  return [rule.name, ...(rule.aliases ?? []), ...(extra.get(rule.name) ?? [])].map(normaliseHeading);
}


export interface SectionMatch {
  rule: SectionRule;
  /** The section that stands for the rule. */
  section?: TopSection | undefined;
  /** How: its name or a configured alias, a proposed alias, or a heading that contains the name (renamed). */
  how?: 'name' | 'proposed' | 'contains' | undefined;
  /** For `contains`: the name the heading is renamed to. */
  renameTo?: string | undefined;
}

/** Which section stands for each rule. `proposed` holds aliases import proposes (not yet in the configuration). */
export function matchSections(tree: Root, rules: readonly SectionRule[], proposed: ReadonlyMap<string, readonly string[]> = new Map()): { depth: number; sections: TopSection[]; matches: SectionMatch[] } {
  const { depth, sections } = topSections(tree);
  const taken = new Set<TopSection>();
  const matches: SectionMatch[] = rules.map((rule) => {
    const configured = keysOf(rule, new Map());
    const section = sections.find((s) => !taken.has(s) && configured.includes(s.key));
    if (section) {
      taken.add(section);
      return { rule, section, how: 'name' };
    }
    const extra = (proposed.get(rule.name) ?? []).map(normaliseHeading);
    const foreign = sections.find((s) => !taken.has(s) && extra.includes(s.key));
    if (foreign) {
      taken.add(foreign);
      return { rule, section: foreign, how: 'proposed' };
    }
    return { rule };
  });
  // A heading that contains a section's name as a word ("Operation Summary", "Possible impact") stands for it, renamed.
  for (const match of matches) {
    if (match.section) continue;
    const names = [match.rule.name, ...(match.rule.aliases ?? [])];
    for (const section of sections) {
      if (taken.has(section)) continue;
      // A short heading ("Operation Summary", "Post-Operation Verification"), not a sentence that mentions the word.
      const name = names.find((n) => word(normaliseHeading(n)).test(section.key) && section.key.split(/[\s\p{P}]+/u).filter(Boolean).length - normaliseHeading(n).split(' ').length <= 3);
      if (!name) continue;
      // "Diagnosis and mitigation" names two sections: no single one to rename it to.
      const others = matches.filter((m) => m !== match && [m.rule.name, ...(m.rule.aliases ?? [])].some((n) => word(normaliseHeading(n)).test(section.key)));
      if (others.length) continue;
      taken.add(section);
      Object.assign(match, { section, how: 'contains', renameTo: name });
      break;
    }
  }
  return { depth: depth || 2, sections, matches };
}

/** How many of a kind's required sections (errors, not warnings) a document has. */
export function requiredFound(matches: readonly SectionMatch[]): number {
  return matches.filter((m) => m.section && (m.rule.severity ?? 'error') === 'error' && !m.rule.whenRisk).length;
}

export interface ShapeResult {
  edits: Edit[];
  /** Old heading slug → new, for links to renamed headings. */
  renamedAnchors: Map<string, string>;
}

/**
 * Edits that give a document every section its kind requires: headings
 * renamed, stubs inserted where the kind reads them (before the next
 * section present, in the kind's order), a task item where a section must be
 * a task list. `stubName` chooses the heading a stub gets (the import's
 * common vocabulary, e.g. "Meaning" rather than "Symptoms").
 */
export function shapeSections(
  text: string,
  tree: Root,
  match: ReturnType<typeof matchSections>,
  options: { data: Record<string, unknown>; ordered: boolean; stubName: (rule: SectionRule) => string; firstLine: number; noun: string; trustProposed?: boolean | undefined },
  changes: Change[],
): ShapeResult {
  const edits: Edit[] = [];
  const renamedAnchors = new Map<string, string>();
  const hashes = '#'.repeat(match.depth);
  const line = (offset: number) => text.slice(0, offset).split('\n').length + options.firstLine - 1;
  const headings = assignHeadingIds(structuredClone(tree));
  const applies = (rule: SectionRule) => rule.severity !== 'off' && (!rule.whenRisk || rule.whenRisk.includes(String(options.data.riskLevel)));

  for (const m of match.matches) {
    if (m.how !== 'contains' || !m.section || !m.renameTo) continue;
    const node = m.section.node;
    edits.push({ start: startOf(node), end: endOf(node), text: `${hashes} ${m.renameTo}` });
    const slug = headings.find((h) => startOf(h.node) === startOf(node))?.slug;
    if (slug) renamedAnchors.set(slug, githubSlug(m.renameTo));
    changes.push({ what: 'heading-renamed', line: line(startOf(node)), detail: `"${m.section.title}" renamed "${m.renameTo}", the section ${options.noun} need` });
  }

  const stubs = new Map<number, string[]>();
  const addStub = (offset: number, body: string) => stubs.set(offset, [...(stubs.get(offset) ?? []), body]);
  match.matches.forEach((m, index) => {
    // A section found only under a proposed alias is missing until the alias is configured: a pointer to it keeps check passing meanwhile.
    const proposed = m.how === 'proposed' && !options.trustProposed ? m.section : undefined;
    if ((m.section && !proposed) || !applies(m.rule) || (m.rule.severity ?? 'error') !== 'error') return;
    const name = options.stubName(m.rule);
    // A heading that names the section ("### Rollback Procedures") or says it in other words ("## Diagnostics: root cause"): point to it.
    const names = [m.rule.name, ...(m.rule.aliases ?? [])];
    const taken = new Set(match.matches.flatMap((other) => (other.section && other.how !== 'proposed' ? [startOf(other.section.node)] : [])));
    const mention = proposed
      ? headings.find((h) => startOf(h.node) === startOf(proposed.node))
      : headings.find(
          (h) =>
            !taken.has(startOf(h.node)) &&
            h.node.depth >= match.depth &&
            ((h.node.depth > match.depth && names.some((n) => word(normaliseHeading(n)).test(normaliseHeading(h.text)))) || translationOf(normaliseHeading(h.text)).some((t) => names.includes(t))),
        );
    const content = m.rule.taskList && !proposed
      ? `- [ ] Not written yet: the imported document had no ${name} checklist.`
      : mention
        ? `See [${mention.text}](#${mention.slug}).`
        : `Not written yet: the imported document had no ${name} section.`;
    let at = text.length;
    if (proposed) at = startOf(proposed.node);
    else if (options.ordered) {
      const next = match.matches.slice(index + 1).find((later) => later.section);
      if (next?.section) at = startOf(next.section.node);
    } else if (mention) {
      const parent = [...match.sections].reverse().find((s) => startOf(s.node) < startOf(mention.node));
      if (parent) at = startOf(parent.node);
    }
    addStub(at, `${hashes} ${name}\n\n${content}\n`);
    changes.push({
      what: 'section-added',
      detail: proposed
        ? `added the section "${name}", pointing to "${proposed.title}": remove it once "${proposed.title}" is an alias of ${m.rule.name} in opsbook.config.ts`
        : mention && !m.rule.taskList
          ? `added the section "${name}", pointing to "${mention.text}"`
          : `added the section "${name}", saying it is not written yet`,
    });
  });
  for (const [offset, bodies] of stubs) {
    const atEnd = offset >= text.length;
    const joined = bodies.join('\n');
    edits.push({ start: offset, end: offset, text: atEnd ? `${text.endsWith('\n') || text === '' ? '' : '\n'}${text === '' ? '' : '\n'}${joined}` : `${joined}\n` });
  }

  // A section that must be a task list and is not one gets an unchecked item, never a ticked one.
  for (const m of match.matches) {
    if (!m.rule.taskList || !m.section || !applies(m.rule)) continue;
    const start = tree.children.indexOf(m.section.node);
    const next = tree.children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth <= match.depth);
    const nodes = tree.children.slice(start + 1, next === -1 ? undefined : next);
    if (taskItems(nodes).length > 0) continue;
    const at = next === -1 ? text.length : startOf(tree.children[next]!);
    const item = `- [ ] Not recorded in the imported document: list what was checked.\n`;
    edits.push({ start: at, end: at, text: next === -1 ? `${text.endsWith('\n') ? '' : '\n'}\n${item}` : `${item}\n` });
    changes.push({ what: 'section-added', detail: `"${m.section.title}" has no task list; added one unchecked item to fill in` });
  }
  return { edits, renamedAnchors };
}

/** Per document: its top-level heading keys (as written) that no rule of the kind accepts. */
export interface HeadingUse {
  file: string;
  headings: string[];
}

/**
 * Aliases to propose for a collection: a heading used in place of a required
 * section by at least `minimum` documents. First by dictionary (a known
 * translation of the name), then by position: documents that share the same
 * sequence of unknown headings, as long as the kind's required sections.
 */
export function proposeAliases(collection: string, rules: readonly SectionRule[], uses: readonly HeadingUse[], minimum = 2): AliasProposal[] {
  const accepted = new Set(rules.flatMap((r) => [r.name, ...(r.aliases ?? [])]).map(normaliseHeading));
  const counts = new Map<string, { section: string; alias: string; documents: number }>();
  for (const use of uses) {
    const seen = new Set<string>();
    for (const heading of use.headings) {
      const key = normaliseHeading(heading);
      // A heading that holds a section's own name ("Symptoms – how it shows") is renamed on import, not aliased.
      if (accepted.has(key) || seen.has(key) || [...accepted].some((a) => word(a).test(key))) continue;
      seen.add(key);
      for (const section of translationOf(key)) {
        const rule = rules.find((r) => r.name === section || (r.aliases ?? []).includes(section));
        if (!rule) continue;
        const id = `${rule.name}\u0000${key}`;
        const entry = counts.get(id) ?? { section: rule.name, alias: heading.trim(), documents: 0 };
        entry.documents++;
        counts.set(id, entry);
      }
    }
  }
  const proposals: AliasProposal[] = [...counts.values()].filter((c) => c.documents >= minimum).map((c) => ({ collection, section: c.section, alias: c.alias, documents: c.documents, basis: 'dictionary' as const }));

  // By position: the same unknown headings in the same order, as many as the required sections.
  const required = rules.filter((r) => (r.severity ?? 'error') === 'error' && !r.whenRisk);
  const covered = new Set(proposals.map((p) => p.section));
  if (required.every((r) => covered.has(r.name))) return proposals;
  const sequences = new Map<string, { headings: string[]; documents: number }>();
  for (const use of uses) {
    const unknown = use.headings.filter((h) => !accepted.has(normaliseHeading(h)) && translationOf(normaliseHeading(h)).length === 0);
    if (unknown.length !== required.length || use.headings.some((h) => accepted.has(normaliseHeading(h)))) continue;
    const id = unknown.map(normaliseHeading).join('\u0000');
    const entry = sequences.get(id) ?? { headings: unknown.map((h) => h.trim()), documents: 0 };
    entry.documents++;
    sequences.set(id, entry);
  }
  const best = [...sequences.values()].sort((a, b) => b.documents - a.documents)[0];
  if (best && best.documents >= Math.max(3, minimum)) {
    required.forEach((rule, i) => {
      if (!covered.has(rule.name)) proposals.push({ collection, section: rule.name, alias: best.headings[i]!, documents: best.documents, basis: 'position' });
    });
  }
  return proposals;
}

/** The `sections` setting for opsbook.config.ts that adds the proposals. */
export function aliasConfig(proposals: readonly AliasProposal[]): string | undefined {
  if (proposals.length === 0) return undefined;
  const byCollection = new Map<string, Map<string, string[]>>();
  for (const p of proposals) {
    const sections = byCollection.get(p.collection) ?? new Map<string, string[]>();
    sections.set(p.section, [...(sections.get(p.section) ?? []), p.alias]);
    byCollection.set(p.collection, sections);
  }
  const rows = ['sections: {'];
  for (const [collection, sections] of byCollection) {
    const entries = [...sections].map(([section, aliases]) => `${/^[A-Za-z_$][\w$]*$/.test(section) ? section : JSON.stringify(section)}: { aliases: [${aliases.map((a) => JSON.stringify(a)).join(', ')}] }`);
    rows.push(`  ${collection}: { ${entries.join(', ')} },`);
  }
  rows.push('},');
  return rows.join('\n');
}

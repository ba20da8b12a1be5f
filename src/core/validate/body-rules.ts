/**
 * Body structure rules: required sections (with aliases and severity from
 * the site configuration), their order, Workflow step numbering and the
 * task lists that Definition of Done and Verification must hold.
 */
import type { SectionRule } from '../../model/sections.ts';
import type { Diagnostic } from '../diagnostics/diagnostics.ts';
import { normaliseHeading, taskItems, type ParsedBody, type Section } from '../load/markdown.ts';

export interface BodyRuleContext {
  file: string;
  noun: string;
  rules: readonly SectionRule[];
  /** Whether the sections must come in the order of `rules`. */
  ordered: boolean;
  /** Frontmatter, for rules that depend on it (riskLevel). */
  data: Record<string, unknown>;
}

/** The section a rule matches, by its name or an alias. */
export function findSection(body: ParsedBody, rule: SectionRule): Section | undefined {
  const keys = [rule.name, ...(rule.aliases ?? [])].map(normaliseHeading);
  return body.sections.find((section) => keys.includes(section.key));
}

function applies(rule: SectionRule, data: Record<string, unknown>): boolean {
  if (rule.severity === 'off') return false;
  return !rule.whenRisk || rule.whenRisk.includes(String(data.riskLevel));
}

export function checkBody(body: ParsedBody, ctx: BodyRuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const level = '#'.repeat(body.sectionDepth || 2);
  const found: { rule: SectionRule; section: Section }[] = [];

  for (const rule of ctx.rules) {
    if (!applies(rule, ctx.data)) continue;
    const severity = rule.severity === 'warning' ? 'warning' : 'error';
    const section = findSection(body, rule);
    if (!section) {
      const aliases = rule.aliases?.length ? ` (or ${rule.aliases.map((a) => `"${a}"`).join(', ')})` : '';
      const why = rule.whenRisk ? ` when riskLevel is ${String(ctx.data.riskLevel)}` : '';
      out.push({
        file: ctx.file,
        line: body.firstLine,
        column: 1,
        severity,
        rule: 'body/missing-section',
        message: `This ${ctx.noun} has no "${rule.name}" section${why}`,
        hint: `Add a "${level} ${rule.name}" heading${aliases}.`,
      });
      continue;
    }
    found.push({ rule, section });
    if (rule.taskList && taskItems(section.nodes).length === 0) {
      out.push({
        file: ctx.file,
        line: section.line,
        column: 1,
        severity,
        rule: 'body/task-list',
        message: `"${section.title}" has no task-list items`,
        hint: 'List each item as "- [ ] what must be true" (or "- [x]" once done).',
      });
    }
    if (rule.steps) out.push(...checkSteps(section, body.sectionDepth + 1, ctx.file));
  }

  for (let i = 1; ctx.ordered && i < found.length; i++) {
    const previous = found[i - 1]!;
    const current = found[i]!;
    if (current.section.line < previous.section.line) {
      out.push({
        file: ctx.file,
        line: current.section.line,
        column: 1,
        severity: 'warning',
        rule: 'body/section-order',
        message: `"${current.section.title}" comes before "${previous.section.title}"`,
        hint: `Sections of ${article(ctx.noun)} read in this order: ${ctx.rules.map((r) => r.name).join(', ')}.`,
      });
    }
  }
  return out;
}

function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

const STEP_PATTERN = /^step\s+(\d+)\b/i;

/** Steps are the headings one level below the section that start with "Step N", numbered 1, 2, 3… */
function checkSteps(section: Section, depth: number, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const steps = section.nodes.flatMap((node) => {
    if (node.type !== 'heading' || node.depth !== depth) return [];
    const text = node.children.map((c) => ('value' in c ? c.value : '')).join('');
    const match = STEP_PATTERN.exec(text.trim());
    return match ? [{ number: Number(match[1]), line: node.position?.start.line ?? section.line }] : [];
  });
  if (steps.length === 0) {
    out.push({
      file,
      line: section.line,
      column: 1,
      severity: 'warning',
      rule: 'body/no-steps',
      message: `"${section.title}" has no steps`,
      hint: `Write each step as a "${'#'.repeat(depth)} Step 1: …" heading.`,
    });
  }
  steps.forEach((step, index) => {
    const expected = index + 1;
    if (step.number !== expected) {
      const message = index === 0 ? `The first step is Step ${step.number}; expected Step 1` : `Step ${step.number} follows Step ${steps[index - 1]!.number}; expected Step ${expected}`;
      out.push({
        file,
        line: step.line,
        column: 1,
        severity: 'error',
        rule: 'body/step-numbering',
        message,
        hint: 'Number the steps 1, 2, 3… without gaps or repeats.',
      });
    }
  });
  return out;
}

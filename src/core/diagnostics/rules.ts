/**
 * Every validation rule, declared once: id, default severity, one-line
 * summary, group and the README section that explains it. Diagnostics name a
 * declared rule (`RuleId`), so a typo in a rule id does not compile; the
 * README's rule tables are generated from this list and the audit rules
 * (src/core/audit/rules/), and a test fails when they are stale.
 */
import type { BUILTIN_KINDS } from '../../model/index.ts';
import type { CoreAuditRuleId } from '../audit/rules/index.ts';

export interface RuleMeta {
  severity: 'error' | 'warning';
  summary: string;
  /** Heading the README groups the rule under. */
  group: string;
  /** README anchor that explains the rule. */
  docs: string;
}

const V = '#how-validation-works';
const SAFETY = '#safety-content-from-many-authors';

export const VALIDATION_RULES = {
  'config/unknown-key': { severity: 'error', summary: 'a setting opsbook.config.ts does not have, with a did-you-mean', group: 'Configuration', docs: '#configuration' },
  'config/unknown-collection': { severity: 'error', summary: '`sections` names a collection that does not exist or has no body sections', group: 'Configuration', docs: '#configuration' },
  'config/invalid': { severity: 'error', summary: 'a setting with a value of the wrong type or outside its list (`diagrams: sometimes`)', group: 'Configuration', docs: '#configuration' },
  'config/unreadable': { severity: 'error', summary: 'opsbook.config.ts cannot be loaded (a TypeScript error)', group: 'Configuration', docs: '#configuration' },

  'file/empty': { severity: 'error', summary: 'an empty document', group: 'Files', docs: V },
  'file/encoding': { severity: 'error', summary: 'a file that is not UTF-8 (a BOM and CRLF are fine)', group: 'Files', docs: V },
  'file/unreadable': { severity: 'error', summary: 'a file that cannot be read (permissions, a broken disk)', group: 'Files', docs: V },
  'file/ignored': { severity: 'warning', summary: 'a file a collection does not read (a `.txt` among runbooks, a `.md` among teams)', group: 'Files', docs: V },
  'file/symlink': { severity: 'error', summary: 'a symbolic link that leads outside content/ or nowhere', group: 'Files', docs: SAFETY },
  'frontmatter/missing': { severity: 'error', summary: 'a Markdown document that does not start with `---` frontmatter', group: 'Files', docs: V },
  'frontmatter/unclosed': { severity: 'error', summary: 'frontmatter with no closing `---`', group: 'Files', docs: V },

  'yaml/syntax': { severity: 'error', summary: 'YAML that cannot be parsed', group: 'YAML', docs: V },
  'yaml/duplicate-key': { severity: 'error', summary: 'a key written twice in one mapping', group: 'YAML', docs: V },
  'yaml/anchor': { severity: 'error', summary: 'a YAML anchor (`&name`)', group: 'YAML', docs: V },
  'yaml/alias': { severity: 'error', summary: 'a YAML alias (`*name`)', group: 'YAML', docs: V },
  'yaml/tag': { severity: 'error', summary: 'a YAML tag (`!!str`, `!custom`)', group: 'YAML', docs: V },
  'yaml/merge-key': { severity: 'error', summary: 'a YAML merge key (`<<:`)', group: 'YAML', docs: V },
  'yaml/ambiguous-boolean': { severity: 'error', summary: 'an unquoted `yes`/`no`/`on`/`off`, which other YAML readers take as a boolean', group: 'YAML', docs: V },
  'yaml/comment-in-value': { severity: 'error', summary: 'a value cut short by a ` #` that YAML reads as a comment', group: 'YAML', docs: SAFETY },

  'schema/unknown-key': { severity: 'error', summary: 'a field the kind does not have, with a did-you-mean: a typo never drops data', group: 'Fields', docs: V },
  'schema/required': { severity: 'error', summary: 'a required field is missing', group: 'Fields', docs: V },
  'schema/type': { severity: 'error', summary: 'a value of the wrong type (a number where text is expected says to quote it)', group: 'Fields', docs: V },
  'schema/enum': { severity: 'error', summary: 'a value outside its list, with a did-you-mean', group: 'Fields', docs: V },
  'schema/format': { severity: 'error', summary: 'a value that does not have the expected form (an operation id, an email)', group: 'Fields', docs: V },
  'schema/range': { severity: 'error', summary: 'a number or list outside its bounds (tier 5, an empty `services`)', group: 'Fields', docs: V },
  'schema/invalid': { severity: 'error', summary: 'any other invalid value', group: 'Fields', docs: V },
  'schema/date': { severity: 'error', summary: 'a date that is not `YYYY-MM-DD` or does not exist (`2026-02-30`)', group: 'Fields', docs: V },
  'schema/timestamp': { severity: 'error', summary: 'a timestamp that is not ISO 8601 with an offset', group: 'Fields', docs: V },
  'schema/url': { severity: 'error', summary: 'a URL that is not http(s)', group: 'Fields', docs: V },
  'schema/duration': { severity: 'error', summary: 'a duration that is not like `15m`, `1h30m`', group: 'Fields', docs: V },
  'schema/summary-sentences': { severity: 'warning', summary: 'a summary of more than one sentence where the kind asks for one (search results show it)', group: 'Fields', docs: V },
  'schema/oncall-empty': { severity: 'error', summary: 'a team `oncall` with no pager, chat, email or schedule', group: 'Fields', docs: V },
  'operation/date-mismatch': { severity: 'error', summary: '`date` is not the day in `operationId`', group: 'Fields', docs: V },
  'operation/id-mismatch': { severity: 'error', summary: '`operationId` is not the file name', group: 'Fields', docs: V },
  'operation/duplicate-id': { severity: 'error', summary: 'two records with one `operationId`', group: 'Fields', docs: V },
  'operation/completed-at': { severity: 'error', summary: '`completedAt` missing once completed, failed or rolled back, or before `startedAt`', group: 'Fields', docs: V },
  'operation/supervisor': { severity: 'error', summary: 'no supervisor for a high or critical risk operation', group: 'Fields', docs: V },

  'refs/missing': { severity: 'error', summary: 'a frontmatter reference to an id that does not exist, naming the field, with a did-you-mean', group: 'References and links', docs: '#links' },
  'refs/ambiguous': { severity: 'error', summary: 'an id found in more than one collection the field may name: write `procedures/<id>`', group: 'References and links', docs: '#links' },
  'ids/duplicate': { severity: 'error', summary: 'two files whose ids differ only by letter case, Unicode normalisation or extension', group: 'References and links', docs: V },
  'ids/url-clash': { severity: 'error', summary: 'two files that would be published at the same URL', group: 'References and links', docs: SAFETY },
  'links/missing-target': { severity: 'error', summary: 'a body link or image to a file that does not exist', group: 'References and links', docs: '#links' },
  'links/missing-anchor': { severity: 'error', summary: 'a link to a heading anchor that does not exist', group: 'References and links', docs: '#links' },
  'links/case-mismatch': { severity: 'error', summary: 'a link that matches its file only in another letter case', group: 'References and links', docs: '#links' },
  'links/outside-content': { severity: 'error', summary: 'a link that leads outside content/', group: 'References and links', docs: '#links' },
  'links/absolute': { severity: 'error', summary: 'a site path (`/runbooks/…`), which breaks under a base path', group: 'References and links', docs: '#links' },

  'body/template-text': { severity: 'warning', summary: 'a line still holding the `npm run new` template\'s placeholder text', group: 'Body structure', docs: '#author-workflow' },
  'body/missing-section': { severity: 'error', summary: 'a required body section is missing (recommended ones are warnings)', group: 'Body structure', docs: '#writing-documents' },
  'body/section-order': { severity: 'error', summary: 'sections out of the order the kind reads in', group: 'Body structure', docs: '#writing-documents' },
  'body/task-list': { severity: 'error', summary: 'a section that must be a task list (*Definition of Done*, *Verification*) is not', group: 'Body structure', docs: '#writing-documents' },
  'body/step-numbering': { severity: 'error', summary: 'Workflow steps not numbered 1, 2, 3…', group: 'Body structure', docs: '#writing-documents' },
  'body/no-steps': { severity: 'error', summary: 'a Workflow with no `Step N` headings', group: 'Body structure', docs: '#writing-documents' },

  'alerts/duplicate': { severity: 'error', summary: 'an alert claimed by two runbooks (compared ignoring case)', group: 'Alerts', docs: '#alerts' },
  'alerts/no-runbook': { severity: 'error', summary: 'an alert a rule file defines with no runbook', group: 'Alerts', docs: '#alerts' },
  'alerts/no-rule': { severity: 'warning', summary: 'a runbook alert no rule file defines', group: 'Alerts', docs: '#alerts' },
  'alerts/runbook-url': { severity: 'warning', summary: 'a `runbook_url` that does not lead to the alert\'s page', group: 'Alerts', docs: '#alerts' },
  'alerts/no-rule-files': { severity: 'warning', summary: '`alertRules` globs that match no file', group: 'Alerts', docs: '#alerts' },
  'alerts/rules-unreadable': { severity: 'error', summary: 'an alert rule file that cannot be read or parsed', group: 'Alerts', docs: '#alerts' },

  'html/forbidden': { severity: 'error', summary: '`<script>`, `<iframe>`, `<object>`, `<style>` and their kind', group: 'Safety', docs: SAFETY },
  'html/not-allowed': { severity: 'error', summary: 'raw HTML that changes how the rest of the page is read (`<textarea>`, `<body>`, a tag left open)', group: 'Safety', docs: SAFETY },
  'html/removed': { severity: 'warning', summary: 'raw HTML GitHub does not show either (`<center>`, `<u>`): removed from the page, its text kept', group: 'Safety', docs: SAFETY },
  'html/placeholder': { severity: 'warning', summary: 'a `<cluster-id>` in prose that is no HTML tag: shown as text; write it in backticks: `<cluster-id>`', group: 'Safety', docs: SAFETY },
  'html/event-handler': { severity: 'error', summary: 'an `on…=` attribute', group: 'Safety', docs: SAFETY },
  'html/unsafe-url': { severity: 'error', summary: 'a `javascript:`, `data:` or `vbscript:` URL', group: 'Safety', docs: SAFETY },
  'mdx/disabled': { severity: 'error', summary: 'an `.mdx` file where the config sets `mdx: false`', group: 'Safety', docs: SAFETY },
  'mdx/import': { severity: 'error', summary: 'an MDX import from outside src/components/', group: 'Safety', docs: SAFETY },
  'mdx/export': { severity: 'error', summary: 'an MDX `export`', group: 'Safety', docs: SAFETY },
  'mdx/expression': { severity: 'error', summary: 'an MDX `{expression}`', group: 'Safety', docs: SAFETY },
  'mdx/component': { severity: 'error', summary: 'an MDX component that is not one of the project\'s', group: 'Safety', docs: SAFETY },
  'mdx/syntax': { severity: 'error', summary: 'an MDX file that cannot be parsed', group: 'Safety', docs: SAFETY },
  'secrets/credential': { severity: 'error', summary: 'a credential in any line of any file (masked in the message)', group: 'Safety', docs: SAFETY },
  'assets/forbidden': { severity: 'error', summary: 'a file beside documents of a type that could run script on the site (HTML, JavaScript…)', group: 'Safety', docs: SAFETY },
  'assets/unsafe-svg': { severity: 'error', summary: 'an SVG with script, event handlers, `foreignObject` or external references', group: 'Safety', docs: SAFETY },
  'assets/unknown-type': { severity: 'warning', summary: 'a file beside documents of a type the site does not publish', group: 'Safety', docs: SAFETY },

  'mermaid/syntax': { severity: 'error', summary: 'an authored diagram Mermaid cannot parse', group: 'Diagrams', docs: '#diagrams' },
  'mermaid/click': { severity: 'error', summary: 'a `click` line in an authored diagram', group: 'Diagrams', docs: '#diagrams' },
  'mermaid/init': { severity: 'error', summary: 'an `%%{init}%%` that touches security settings', group: 'Diagrams', docs: '#diagrams' },
  'mermaid/html': { severity: 'error', summary: 'script or active HTML in a diagram label', group: 'Diagrams', docs: '#diagrams' },
  'render/failed': { severity: 'error', summary: 'a document that cannot be rendered fails the build instead of publishing an empty page', group: 'Files', docs: V },
} as const satisfies Record<string, RuleMeta>;

export type ValidationRuleId = keyof typeof VALIDATION_RULES;

/** Ids of the rules the built-in kinds bring (src/model/<kind>.ts `rules`). */
type RulesOf<K> = K extends { definition: { rules: readonly (infer R)[] } } ? (R extends { id: infer Id } ? Id : never) : never;
export type KindRuleId = RulesOf<(typeof BUILTIN_KINDS)[number]>;

/** Every rule id Opsbook can report. */
export type RuleId = ValidationRuleId | CoreAuditRuleId | KindRuleId;

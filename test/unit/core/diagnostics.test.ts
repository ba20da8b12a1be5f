import { describe, expect, test } from 'vitest';
import { formatGithub, formatJson, formatText, type Diagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { didYouMean, suggest } from '../../../src/core/diagnostics/suggest.ts';

const diagnostics: Diagnostic[] = [
  { file: 'content/runbooks/b.md', line: 3, column: 1, severity: 'warning', rule: 'body/section-order', message: '"Impact" comes before "Symptoms"' },
  { file: 'content/runbooks/a.md', line: 7, column: 9, severity: 'error', rule: 'refs/missing', message: 'No team "shpo"; did you mean "shop"?', hint: 'Ids are file paths inside content/teams/, without the extension.' },
  { file: 'content/runbooks/a.md', line: 2, column: 1, severity: 'error', rule: 'schema/required', message: '"owner" is required for runbooks', hint: 'Add "owner: <team id>".' },
];

describe('diagnostic formats', () => {
  test('text: one line each, sorted and grouped by file, with a summary', () => {
    expect(formatText(diagnostics)).toBe(
      [
        'content/runbooks/a.md:2:1 error "owner" is required for runbooks. Add "owner: <team id>". schema/required',
        'content/runbooks/a.md:7:9 error No team "shpo"; did you mean "shop"? Ids are file paths inside content/teams/, without the extension. refs/missing',
        '',
        'content/runbooks/b.md:3:1 warning "Impact" comes before "Symptoms". body/section-order',
        '',
        'By rule: body/section-order 1, refs/missing 1, schema/required 1.',
        '2 errors and 1 warning in 2 files.',
      ].join('\n'),
    );
    expect(formatText([])).toBe('No problems found.');
  });

  test('github: workflow commands with escaped properties', () => {
    expect(formatGithub(diagnostics).split('\n')[0]).toBe('::error file=content/runbooks/a.md,line=2,col=1,title=schema/required::"owner" is required for runbooks. Add "owner: <team id>".');
    expect(formatGithub([{ ...diagnostics[0]!, file: 'content/a,b.md', message: '50% done\nnext' }])).toBe('::warning file=content/a%2Cb.md,line=3,col=1,title=body/section-order::50%25 done%0Anext.');
  });

  test('json: stable shape with counts', () => {
    const parsed = JSON.parse(formatJson(diagnostics));
    expect(parsed.errors).toBe(2);
    expect(parsed.warnings).toBe(1);
    expect(parsed.diagnostics.map((d: Diagnostic) => `${d.file}:${d.line}`)).toEqual(['content/runbooks/a.md:2', 'content/runbooks/a.md:7', 'content/runbooks/b.md:3']);
  });
});

describe('did-you-mean', () => {
  test.each([
    ['lastReveiwed', ['title', 'lastReviewed', 'reviewCycle'], 'lastReviewed'],
    ['Shop', ['shop', 'payments'], 'shop'],
    ['db-failover', ['payments/db-failover', 'edge/cdn-purge'], 'payments/db-failover'],
    ['zzzz', ['payments', 'shop'], undefined],
  ])('%s → %s', (input, candidates, expected) => {
    expect(suggest(input, candidates)).toBe(expected);
  });

  test('phrasing', () => {
    expect(didYouMean('critcal', ['critical', 'warning'])).toBe(' Did you mean "critical"?');
    expect(didYouMean('nothing-like', ['critical'])).toBe('');
  });
});

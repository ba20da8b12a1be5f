/**
 * The safety rules of authored Mermaid diagrams, on real Markdown: HTML is
 * judged by the tags a label holds, not by the words around them.
 */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { activeMarkup, checkDiagrams } from '../../../src/core/validate/mermaid-check.ts';
import { documentFromBody } from './helpers.ts';

const diagram = (...rows: string[]) => `## Diagram\n\n\`\`\`mermaid\n${rows.join('\n')}\n\`\`\`\n`;
const check = async (...rows: string[]) => (await checkDiagrams([documentFromBody(diagram(...rows))])).map(formatDiagnostic);

describe('mermaid/html', () => {
  test('words like "only =" in a label are text', async () => {
    expect(await check('flowchart LR', '  A[consumer] --> D[runbook: one partition only = poison message]', '  D --> E{onset = 5m?}')).toEqual([]);
  });

  test.each([
    ['an event handler on an image', '  A[<img src=x onerror=alert(1)>] --> B'],
    ['a script element in a quoted label', '  A["<script>x</script>"] --> B'],
    ['an iframe', '  A["<iframe src=https://evil.example></iframe>"] --> B'],
    ['a javascript: link behind a character reference', '  A["<a href=\'javascript&#58;alert(1)\'>x</a>"] --> B'],
    ["a javascript: link behind Mermaid's own entity code", '  A["<a href=\'javascript#58;alert(1)\'>x</a>"] --> B'],
    ['an event handler in upper case', '  A["<b ONMOUSEOVER=alert(1)>x</b>"] --> B'],
  ])('%s is an error on its line', async (_, row) => {
    expect(await check('flowchart LR', row)).toEqual([
      'content/runbooks/x.md:5:1 error This diagram line holds script or active HTML. Use plain text in labels; Mermaid shows HTML as text at the strict level. mermaid/html',
    ]);
  });

  test('harmless formatting tags pass', async () => {
    expect(await check('flowchart LR', '  A["<b>primary</b><br/>eu-west-1"] --> B["<i>replica</i>"]')).toEqual([]);
  });

  test('a tag across lines is reported on the line of its attribute', () => {
    expect(activeMarkup('flowchart LR\n  A["<img src=x\n  onerror=alert(1)>"] --> B')).toEqual([{ line: 3, what: 'onerror=' }]);
  });
});

/**
 * The safety rules of authored Mermaid diagrams, on real Markdown: HTML is
 * judged by the tags a label holds, not by the words around them.
 */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { activeMarkup, checkDiagrams, fencedMermaid, mermaidBlocks, verdictsAhead } from '../../../src/core/validate/mermaid-check.ts';
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

describe('verdicts worked out before the trees are parsed', () => {
  const body = [
    '# Runbook',
    '',
    '```mermaid',
    'flowchart LR',
    '  A --> B',
    '```',
    '',
    '~~~~ Mermaid title="Failover"',
    'sequenceDiagram',
    '  A->>B: ```not a fence```',
    '~~~',
    '  still inside',
    '~~~~~',
    '',
    '```mermaidx',
    'not a diagram',
    '```',
    '',
    '- In a list:',
    '',
    '  ```mermaid',
    '  flowchart TB',
    '    X --> Y',
    '  ```',
    '',
    '```MERMAID',
    'flowchart LR',
    '  C -->',
  ].join('\n');

  test('the diagrams fenced at the margin are read from the text as the tree will hold them', () => {
    const fenced = fencedMermaid(body);
    expect(fenced).toEqual(['flowchart LR\n  A --> B', 'sequenceDiagram\n  A->>B: ```not a fence```\n~~~\n  still inside', 'flowchart LR\n  C -->']);
    // Every one is a block of the parsed tree, with the same source; the indented one is left to the tree.
    const blocks = mermaidBlocks([documentFromBody(body)]).map((b) => b.source);
    expect(blocks).toEqual(expect.arrayContaining(fenced));
    expect(blocks).toHaveLength(fenced.length + 1);
  });

  test('ahead, Mermaid parses the unknown safe diagrams only, and the check reports what it would have without them', async () => {
    const unsafe = 'flowchart LR\n  A --> B\n  click A "https://example.com"';
    const known = 'flowchart LR\n  K --> L';
    const text = `\`\`\`mermaid\n${unsafe}\n\`\`\`\n\n\`\`\`mermaid\n${known}\n\`\`\`\n\n${body}`;
    const kept = new Map<string, string | null>([[known, null]]);
    const cache = { verdict: (source: string) => kept.get(source), setVerdict: (source: string, error: string | null) => void kept.set(source, error) };
    const { verdicts, parsed } = verdictsAhead([text, undefined, 'no diagram'], cache);
    expect(await parsed).toBe(3);
    expect([...verdicts.keys()]).toEqual(fencedMermaid(body));
    expect(kept.get('flowchart LR\n  A --> B')).toBeNull();
    expect(kept.get('flowchart LR\n  C -->')).toMatch(/./);
    expect(kept.has(unsafe)).toBe(false);
    const doc = documentFromBody(text);
    const withAhead = await checkDiagrams([doc], cache, verdicts);
    expect(withAhead.map(formatDiagnostic)).toEqual((await checkDiagrams([doc])).map(formatDiagnostic));
    expect(withAhead.map((d) => d.rule).sort()).toEqual(['mermaid/click', 'mermaid/syntax', 'mermaid/syntax']);
  });
});

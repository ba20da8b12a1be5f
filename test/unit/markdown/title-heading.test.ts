/** A body that starts with `# <title>` does not show the title twice; any other first heading stays. */
import { expect, test } from 'vitest';
import { markdownParser } from '../../../src/markdown/pipeline.ts';
import { dropTitleHeading } from '../../../src/markdown/remark-title-heading.ts';

const tree = (text: string) => markdownParser.parse(text);

test.each([
  ['# Payments failover\n\nText.', 'Payments failover', true],
  ['#  payments   FAILOVER \n\nText.', 'Payments failover', true],
  ['<!-- note -->\n\n# Payments failover\n', 'Payments failover', true],
  ['# Overview\n\nText.', 'Payments failover', false],
  ['## Payments failover\n', 'Payments failover', false],
  ['Intro.\n\n# Payments failover\n', 'Payments failover', false],
])('%j with title %j: dropped %s', (text, title, dropped) => {
  const root = tree(text);
  const before = root.children.length;
  expect(dropTitleHeading(root, title)).toBe(dropped);
  expect(root.children.length).toBe(dropped ? before - 1 : before);
});

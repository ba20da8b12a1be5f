/** Duplicate keys name the key and where it was first written. */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { parseYaml } from '../../../src/core/load/yaml.ts';

const parse = (text: string, firstLine = 1) => {
  const out: Diagnostic[] = [];
  parseYaml(text, 'content/services/x.yaml', firstLine, out);
  return out.map(formatDiagnostic);
};

describe('yaml/duplicate-key', () => {
  test('names the key and the line of its first use', () => {
    expect(parse('name: A\nowner: shop\ntier: 2\nowner: data\n')).toEqual([
      'content/services/x.yaml:4:1 error The key "owner" appears twice in the same mapping (first on line 2). Keep one of them: YAML would silently use only one value. yaml/duplicate-key',
    ]);
  });

  test('in frontmatter, lines are file lines; nested and quoted keys are named as written', () => {
    expect(parse('title: T\noncall:\n  chat: "#a"\n  chat: "#b"\n"x y": 1\n"x y": 2\n', 2)).toEqual([
      'content/services/x.yaml:5:3 error The key "chat" appears twice in the same mapping (first on line 4). Keep one of them: YAML would silently use only one value. yaml/duplicate-key',
      'content/services/x.yaml:7:1 error The key "x y" appears twice in the same mapping (first on line 6). Keep one of them: YAML would silently use only one value. yaml/duplicate-key',
    ]);
  });

  test('flow mappings too', () => {
    expect(parse('labels: { team: a, team: b }\n')).toEqual([
      'content/services/x.yaml:1:20 error The key "team" appears twice in the same mapping (first on line 1). Keep one of them: YAML would silently use only one value. yaml/duplicate-key',
    ]);
  });
});

/**
 * Task-list items show their state as a labelled mark instead of a disabled
 * checkbox: a reader cannot tick them anyway, and an unlabelled form control
 * is an accessibility error. Checked items read as "Done", open ones as "Not done".
 */
import type { Root } from 'hast';
import { walkElements } from './walk.ts';

export function rehypeTaskBoxes() {
  return (tree: Root) => {
    walkElements(tree, (node, index, parent) => {
      if (node.tagName !== 'input' || node.properties.type !== 'checkbox') return;
      const done = Boolean(node.properties.checked);
      parent.children[index] = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['task-box', done ? 'task-done' : 'task-open'], role: 'img', ariaLabel: done ? 'Done' : 'Not done' },
        children: [{ type: 'text', value: done ? '✓' : '' }],
      };
    });
  };
}

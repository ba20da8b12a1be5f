/**
 * How Prometheus rule files hold alerts, read once for the alert coverage
 * check and for `import`'s runbook_url annotations: `groups[].rules[]` with
 * an `alert`, at the top of a rule file or under `spec` in a PrometheusRule.
 */
import { isMap, isPair, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** The value of `key` in a YAML mapping node. */
export function mapValue(map: YAMLMap, key: string): unknown {
  return map.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key)?.value;
}

/** The `groups` list of one YAML document's contents, or undefined when it has none. */
export function ruleGroups(contents: unknown): YAMLSeq | undefined {
  if (!isMap(contents)) return undefined;
  const spec = mapValue(contents, 'spec');
  const groups = mapValue(contents, 'groups') ?? (isMap(spec) ? mapValue(spec, 'groups') : undefined);
  return isSeq(groups) ? groups : undefined;
}

export interface AlertRuleNode {
  /** The rule's mapping (`alert`, `expr`, `labels`, `annotations`…). */
  rule: YAMLMap;
  /** Its `alert` scalar (a string), with its position in the source. */
  alert: Scalar<string>;
}

/** Every alerting rule of a `groups` list, in order. */
export function* alertRules(groups: YAMLSeq): Generator<AlertRuleNode> {
  for (const group of groups.items) {
    const rules = isMap(group) ? mapValue(group, 'rules') : undefined;
    if (!isSeq(rules)) continue;
    for (const rule of rules.items) {
      if (!isMap(rule)) continue;
      const alert = mapValue(rule, 'alert');
      if (isScalar(alert) && typeof alert.value === 'string') yield { rule, alert: alert as Scalar<string> };
    }
  }
}

/**
 * The placeholder finder, language by language: what an operator must fill
 * is found, and the shell's, the templates' and the markup's own syntax is
 * not (a false alarm would keep Copy from copying a working command).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, test } from 'vitest';
import { findPlaceholders } from '../../../src/markdown/code-placeholders.ts';
import { markdownParser } from '../../../src/markdown/pipeline.ts';
import { REPO_ROOT } from '../../helpers/content.ts';

const found = (code: string, language?: string) => findPlaceholders(code, language).map((p) => p.text);
const names = (code: string, language?: string) => findPlaceholders(code, language).map((p) => p.name);

describe('shell blocks', () => {
  test.each([
    ['kubectl -n <namespace> get pods', ['<namespace>']],
    ['kubectl -n $NAMESPACE logs $POD -c ${CONTAINER}', ['$NAMESPACE', '$POD', '${CONTAINER}']],
    ['helm upgrade api ./chart --set env={{ env }} --set region={{region}}', ['{{ env }}', '{{region}}']],
    ['curl https://<host>/api/v1/users/<user-id>', ['<host>', '<user-id>']],
    ["jq -r '.items[] | select(.claim==\"<my-pvc>\")'", ['<my-pvc>']],
    ['NODE=<instance label from alert>', ['<instance label from alert>']],
    ['oc debug "node/$NODE_NAME"', ['$NODE_NAME']],
    ["watch -n 30 'curl -s \"$SEARCH_URL/_cluster/health\"'", ['$SEARCH_URL']],
    ["kubectl exec api -- sh -c 'ls $DATA_DIR' && echo '$LITERAL' $AFTER", ['$DATA_DIR', '$AFTER']],
    ["ssh bastion 'df -h $MOUNT' | awk '{print $NF}'", ['$MOUNT']],
  ])('%s', (code, expected) => {
    expect(found(code, 'bash')).toEqual(expected);
  });

  test.each([
    ['environment variables the shell has', 'ssh "$USER@bastion" -i $HOME/.ssh/id && export PATH=$PATH:/opt/bin'],
    ['positional and special parameters', 'echo $1 $? $# $@ $$ $!'],
    ['a variable set earlier in the block', 'NS=payments\nkubectl -n $NS get pods'],
    ['export, read and for', 'export REGION=eu-west1\nwhile read -r line; do echo "$line $REGION"; done\nfor pod in a b; do kubectl delete pod $pod; done'],
    ['a variable set after its prompt', '$ NAMESPACE="kube-etcd"\n$ kubectl -n $NAMESPACE get pods'],
    ['command substitution and arithmetic', 'kubectl logs $(kubectl get pod -o name | head -1) --tail=$((10 * 2))'],
    ['an escaped dollar', 'echo \\$NAMESPACE'],
    ['a default value', 'kubectl -n ${NAMESPACE:-default} get pods'],
    ['awk and jq in single quotes', "kubectl get po | awk '{print $NF, $1}' | jq '.x as $v | $v'"],
    ['a quoted heredoc', "cat <<'EOF' > run.sh\necho $NAMESPACE\nEOF"],
    ['a heredoc and redirections', 'cat <<EOF > out.txt 2>&1\nok\nEOF\nsort < input.txt'],
    ['comparisons', 'if [ "$#" -lt 2 ]; then exit 1; fi\n(( a<b && c>d ))'],
    ['secrets, left to the environment', 'curl -H "Authorization: Bearer $FLAGS_TOKEN" -u admin:$DB_PASSWORD https://x'],
    ['kubectl go-templates', `kubectl get nodes -o template --template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`],
    ['a Prometheus template', 'amtool alert add x --annotation=summary="{{ $labels.instance }} down"'],
    ['a GitHub Actions expression', 'echo ${{ env }}'],
    ['kubectl output', 'NAME   EXTERNAL-IP   AGE\napi    <none>        3d\nlb     <pending>     1m'],
    ['markup in a heredoc', 'cat <<EOF > index.html\n<html><body>ok</body></html>\nEOF'],
    ['an apostrophe in a comment', "# don't forget the namespace\nkubectl get pods # it's fine"],
  ])('nothing in %s', (_what, code) => {
    expect(found(code, 'bash')).toEqual([]);
  });

  test('an apostrophe in a comment does not hide what follows', () => {
    expect(found("# don't skip this\nkubectl -n $NAMESPACE get pods", 'bash')).toEqual(['$NAMESPACE']);
  });

  test('console sessions: only command lines, not their output', () => {
    const session = '$ kubectl -n <namespace> get svc\nNAME   EXTERNAL-IP\napi    <ip-address>\n$ echo $REGION';
    expect(found(session, 'console')).toEqual(['<namespace>', '$REGION']);
    const p = findPlaceholders(session, 'console')[1]!;
    expect(session.slice(p.start, p.end)).toBe('$REGION');
  });

  test('one name per thing to fill, whatever the form', () => {
    expect(names('kubectl -n $NAMESPACE get pvc <my-pvc> && kubectl describe node ${NODE_NAME} <node name>', 'sh')).toEqual(['namespace', 'my-pvc', 'node-name', 'node-name']);
  });

  test('a secret in angle brackets is marked as one', () => {
    expect(findPlaceholders('dnsctl update --token <token> --zone <zone>', 'bash').map((p) => [p.text, p.secret ?? false])).toEqual([
      ['<token>', true],
      ['<zone>', false],
    ]);
  });

  test.each(['sh', 'shell', 'zsh', 'console', 'text', 'txt', undefined])('%s counts as shell-like', (language) => {
    expect(found('kubectl -n <namespace> logs $POD', language)).toEqual(['<namespace>', '$POD']);
  });

  test('plain text: an apostrophe in a word opens no quote', () => {
    expect(found("Don't run this before $WINDOW opens on <cluster>", 'text')).toEqual(['$WINDOW', '<cluster>']);
  });
});

describe('other languages', () => {
  test('yaml: a <name> value counts; its own {{ }} templating and $labels do not', () => {
    const rule = 'metadata:\n  namespace: <namespace>\nannotations:\n  summary: "{{ $labels.instance }} is down"\n  description: "{{ env }} ${REGION} $VALUE"';
    expect(found(rule, 'yaml')).toEqual(['<namespace>']);
  });

  test('yaml and json: markup in a value is not a placeholder', () => {
    expect(found('description: "<b>bold</b> and <em>more</em>"', 'yaml')).toEqual([]);
    expect(found('{"html": "<div>x</div>", "id": "<id>"}', 'json')).toEqual(['<id>']);
  });

  test('html, xml and markdown: no placeholders at all', () => {
    expect(found('<namespace>payments</namespace>\n<cluster>', 'xml')).toEqual([]);
    expect(found('<section><p>$NAMESPACE {{ env }}</p></section>', 'html')).toEqual([]);
  });

  test('programming languages: generics and template strings are code', () => {
    expect(found('const m: Map<string, Pod> = new Map<Name>(); `${NAMESPACE}`', 'ts')).toEqual([]);
    expect(found('var pods []Pod // {{ env }}', 'go')).toEqual([]);
  });

  test('promql: <name> and $NAME, not Grafana built-ins or comparisons', () => {
    expect(found('sum(rate(http_requests_total{pod="<pod>", hash="$CANARY"}[$__rate_interval])) > 0.01 < 5', 'promql')).toEqual(['<pod>', '$CANARY']);
  });

  test('sql: <name> only ($1 parameters and $tag$ quoting are SQL)', () => {
    expect(found("SELECT * FROM orders WHERE id = <order-id> AND a<b AND note = $body$x$body$ AND x = $1", 'sql')).toEqual(['<order-id>']);
  });
});

/** Every code block of a content tree, with its language. */
function codeBlocks(root: string): Code[] {
  const blocks: Code[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.mdx?$/.test(entry)) visit(markdownParser.parse(readFileSync(path, 'utf8')), 'code', (node: Code) => void blocks.push(node));
    }
  };
  walk(root);
  return blocks;
}

test('the example content: what is found is what a reader fills, and the shell variables it sets are left alone', () => {
  const all = new Set(codeBlocks(join(REPO_ROOT, 'content')).flatMap((block) => findPlaceholders(block.value, block.lang ?? undefined).map((p) => p.text)));
  for (const placeholder of ['<certificate>', '<challenge-name>', '<run-id>', '<token>', '$SEARCH_URL', '$CANARY']) expect(all).toContain(placeholder);
  // $USER is the reader's, $r and $b are loop variables, $PGHOST is exported above its use, the rest are secrets.
  for (const variable of ['$USER', '$r', '$b', '$PGHOST', '$DB_PASSWORD', '$FLAGS_TOKEN']) expect(all).not.toContain(variable);
});

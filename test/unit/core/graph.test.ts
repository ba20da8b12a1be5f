import { describe, expect, test } from 'vitest';
import { mermaidForSubgraph, zoneMap, zoneOverview } from '../../../src/core/graph/diagrams.ts';
import { blastRadius, buildGraph, context, findCycles, neighbourhood, projectGraph, type ServiceGraph } from '../../../src/core/graph/graph.ts';
import { projectFromFixture } from '../../helpers/content.ts';

/** a → b → c → d, e → b, f → a (f depends on a), plus a cycle x → y → z → x. */
function sample(): ServiceGraph {
  const s = (id: string, zone: string, ...deps: (string | { service: string; kind: 'sync' | 'async' | 'data' })[]) => ({ id, name: id.toUpperCase(), zone, tier: 2, owner: 't', dependsOn: deps });
  return buildGraph([
    s('a', 'edge', 'b'),
    s('b', 'app', { service: 'c', kind: 'async' }),
    s('c', 'app', { service: 'd', kind: 'data' }),
    s('d', 'data'),
    s('e', 'app', 'b'),
    s('f', 'edge', 'a'),
    s('x', 'corp', 'y'),
    s('y', 'corp', 'z'),
    s('z', 'corp', 'x', 'missing'),
  ]);
}

describe('graph', () => {
  const graph = sample();
  const ids = (sub: { nodes: { id: string }[] }) => sub.nodes.map((n) => n.id);

  test.each([
    ['b', 1, ['a', 'b', 'c', 'e']],
    ['b', 2, ['a', 'b', 'c', 'd', 'e', 'f']],
    ['d', 2, ['b', 'c', 'd']],
    ['f', 2, ['a', 'b', 'f']],
  ])('neighbourhood of %s, %i hops', (id, hops, expected) => {
    expect(ids(neighbourhood(graph, id, hops))).toEqual(expected);
  });

  test.each([
    [['d'], ['d'], ['a', 'b', 'c', 'e', 'f']],
    [['a'], ['a'], ['f']],
    [['c', 'e'], ['c', 'e'], ['a', 'b', 'f']],
    [['nope'], [], []],
  ])('blast radius of %j: direct %j, affected %j', (changed, direct, affected) => {
    const blast = blastRadius(graph, changed);
    expect(blast.direct).toEqual(direct);
    expect(blast.affected).toEqual(affected);
    expect(ids(blast)).toEqual([...direct, ...affected].sort());
  });

  test('context: the services with their direct neighbours', () => {
    expect(ids(context(graph, ['c']))).toEqual(['b', 'c', 'd']);
  });

  test('cycles: each strongly connected group as a path back to its start', () => {
    expect(findCycles(graph)).toEqual([['x', 'y', 'z', 'x']]);
    expect(findCycles(buildGraph([{ id: 's', name: 'S', tier: 1, owner: 't', dependsOn: ['s'] }]))).toEqual([['s', 's']]);
    expect(findCycles(buildGraph([{ id: 'p', name: 'P', tier: 1, owner: 't', dependsOn: ['q'] }, { id: 'q', name: 'Q', tier: 1, owner: 't' }]))).toEqual([]);
  });

  test('the example catalogue has the deliberate auth-service ↔ notification-service cycle', async () => {
    const { openProject } = await import('../../../src/core/project.ts');
    const { REPO_ROOT } = await import('../../helpers/content.ts');
    expect(findCycles(projectGraph(await openProject(REPO_ROOT)))).toEqual([['auth-service', 'notification-service', 'auth-service']]);
  });
});

describe('generated Mermaid', () => {
  const graph = projectGraph(projectFromFixture('valid'));

  test('a neighbourhood map: nodes, edge styles by kind, the focus highlighted, links to service pages', () => {
    const map = mermaidForSubgraph(neighbourhood(graph, 'payments'), { classes: new Map([['payments', 'focus']]) });
    expect(map.source).toBe(
      [
        'flowchart LR',
        '  s0["Checkout"]',
        '  s1["Payments"]',
        '  s0 --> s1',
        '  classDef focus fill:#fff1b8,stroke:#8a6d00,stroke-width:3px,color:#1b1f24',
        '  classDef changed fill:#ffd6a5,stroke:#9c4a00,stroke-width:3px,color:#1b1f24',
        '  classDef affected fill:#ffe3e3,stroke:#8a1111,stroke-width:2px,color:#1b1f24',
        '  classDef external fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a',
        '  class s1 focus',
        '',
      ].join('\n'),
    );
    expect(map.links).toEqual({ s0: '/services/checkout/', s1: '/services/payments/' });
  });

  test('a zone map groups by zone and draws other zones dashed; the overview counts cross-zone edges', () => {
    const s = (id: string, zone: string, ...deps: (string | { service: string; kind: 'sync' | 'async' | 'data' })[]) => ({ id, name: `${id} "svc"`, zone, tier: 1, owner: 't', dependsOn: deps });
    const g = buildGraph([s('web', 'edge', 'api'), s('api', 'app', { service: 'db', kind: 'data' }, { service: 'bus', kind: 'async' }), s('db', 'data'), s('bus', 'data')]);
    expect(zoneMap(g, 'app').source).toBe(
      [
        'flowchart LR',
        '  subgraph z0["zone: app"]',
        '    s0["api  svc"]',
        '  end',
        '  subgraph z1["zone: data"]',
        '    s1["bus  svc"]',
        '    s2["db  svc"]',
        '  end',
        '  subgraph z2["zone: edge"]',
        '    s3["web  svc"]',
        '  end',
        '  s3 --> s0',
        '  s0 ==> s2',
        '  s0 -.-> s1',
        ...[
          'classDef focus fill:#fff1b8,stroke:#8a6d00,stroke-width:3px,color:#1b1f24',
          'classDef changed fill:#ffd6a5,stroke:#9c4a00,stroke-width:3px,color:#1b1f24',
          'classDef affected fill:#ffe3e3,stroke:#8a1111,stroke-width:2px,color:#1b1f24',
          'classDef external fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4 3,color:#57606a',
        ].map((l) => `  ${l}`),
        '  class s1,s2,s3 external',
        '',
      ].join('\n'),
    );
    expect(zoneOverview(g).source).toBe(['flowchart LR', '  z0["app (1 service)"]', '  z1["data (2 services)"]', '  z2["edge (1 service)"]', '  z0 -- "2" --> z1', '  z2 -- "1" --> z0', ''].join('\n'));
  });
});

test('a catalogue of 300 services in 10 zones is drawn as 10 zone maps plus an overview of 10 zones', () => {
  const services = Array.from({ length: 300 }, (_, i) => ({
    id: `svc-${i}`,
    name: `Service ${i}`,
    zone: `zone-${i % 10}`,
    tier: (i % 4) + 1,
    owner: 't',
    // each service calls two others: one in its own zone, one in the next zone
    dependsOn: [`svc-${(i + 10) % 300}`, `svc-${(i + 1) % 300}`],
  }));
  const graph = buildGraph(services);
  const overview = zoneOverview(graph);
  expect(overview.zones).toHaveLength(10);
  for (const zone of overview.zones) {
    const map = zoneMap(graph, zone);
    const own = map.nodes.filter((n) => n.zone === zone).length;
    expect(own).toBe(30);
    // neighbours from other zones are only those one edge away
    expect(map.nodes.length - own).toBeLessThanOrEqual(60);
  }
});

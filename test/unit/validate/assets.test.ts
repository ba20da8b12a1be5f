/**
 * The asset policy on real files written to a temporary folder (and the
 * example site's own attachments): what is published unchanged, what is
 * refused and why, and credentials in text attachments.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { assetType, checkAsset, findAssetSecrets } from '../../../src/core/validate/assets.ts';
import { REPO_ROOT } from '../../helpers/content.ts';

const dir = mkdtempSync(join(tmpdir(), 'opsbook-assets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file to the temporary folder and checks it by its path inside content/. */
function asset(name: string, content: string | Buffer) {
  writeFileSync(join(dir, name), content);
  const bytes = readFileSync(join(dir, name));
  const result = checkAsset(`content/runbooks/files/${name}`, bytes);
  return { ...result, bytes, lines: result.diagnostics.map(formatDiagnostic) };
}

const SVG = (body: string, attributes = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>\n${body}\n</svg>\n`;

describe('published unchanged', () => {
  test.each([
    ['content/runbooks/payments/img/payments-db-topology.svg'],
    ['content/runbooks/payments/files/pgbouncer-failover.ini'],
  ])('%s (the example site)', (file) => {
    const bytes = readFileSync(join(REPO_ROOT, file));
    const result = checkAsset(file, bytes);
    expect(result.diagnostics).toEqual([]);
    expect(result.publish).toBe(bytes);
  });

  test('a clean SVG with local references, styles and an embedded raster image', () => {
    const result = asset(
      'clean.svg',
      SVG('<style><![CDATA[ .a { fill: url(#g); font: 12px sans-serif } /* <script> in CSS text is text */ ]]></style>\n<defs><linearGradient id="g"/></defs>\n<use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>\n<a href="https://grafana.example/d/x"><text class="a">one = only</text></a>'),
    );
    expect(result.lines).toEqual([]);
    expect(result.publish).toBe(result.bytes);
  });

  test('images, PDFs and text by extension; Dockerfile by name', () => {
    expect(asset('map.PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0])).lines).toEqual([]);
    expect(asset('dump.log', 'ERROR connection refused <script>alert(1)</script>\n').lines).toEqual([]);
    expect(assetType('content/runbooks/files/Dockerfile')?.category).toBe('text');
    expect(assetType('content/runbooks/files/backup.tar.gz')?.category).toBe('archive');
  });

  test('XML configuration is data', () => {
    expect(asset('logback.xml', '<?xml version="1.0"?>\n<configuration><appender name="x" class="ch.qos.logback.core.ConsoleAppender"/><script>not html</script></configuration>\n').lines).toEqual([]);
  });
});

describe('assets/unsafe-svg', () => {
  test('a script element, named with its line', () => {
    const result = asset('script.svg', SVG('<rect width="10" height="10"/>\n<script>alert(document.domain)</script>'));
    expect(result.lines).toEqual([
      'content/runbooks/files/script.svg:4:1 error This SVG holds <script>, which can run script when the file is opened from the site. Remove it (export the drawing as plain SVG, or as PNG); SVG files are published only without script. assets/unsafe-svg',
    ]);
    expect(result.publish).toBeUndefined();
  });

  test('an onload= handler on the root element', () => {
    expect(asset('onload.svg', SVG('<rect width="10" height="10"/>', ' onload="alert(1)"')).lines).toEqual([
      'content/runbooks/files/onload.svg:2:104 error This SVG holds onload=, which can run script when the file is opened from the site. Remove it (export the drawing as plain SVG, or as PNG); SVG files are published only without script. assets/unsafe-svg',
    ]);
  });

  test.each([
    ['a prefixed script in the XHTML namespace', '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', ['<h:script>', 'xmlns:h="http://www.w3.org/1999/xhtml" (HTML inside the file)']],
    ['foreignObject', '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', ['<foreignobject>', 'xmlns="http://www.w3.org/1999/xhtml" (HTML inside the file)']],
    ['a javascript: link behind a character reference', '<a xlink:href="java&#115;cript:alert(1)"><text>x</text></a>', ['xlink:href="javascript:alert(1)"']],
    ['an animation that rewrites a link', '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>', ['<set attributeName="href">', 'to="javascript:alert(1)"']],
    ['a reference to another host', '<use href="https://evil.example/sprite.svg#x"/>', ['<use href="https://evil.example/sprite.svg#x">']],
    ['a protocol-relative image', '<image xlink:href="//evil.example/x.png"/>', ['<image xlink:href="//evil.example/x.png">']],
    ['CSS @import and url() to another host', '<style>@import url(https://evil.example/x.css); .a { fill: url(http://evil.example/p.svg#p) }</style>', ['CSS @import', 'CSS url(https://evil.example/x.css)', 'CSS url(http://evil.example/p.svg#p)']],
    ['a style attribute loading from another host', '<rect style="fill: url(https://evil.example/p#x)"/>', ['CSS url(https://evil.example/p#x)']],
    ['a script whose code is in CDATA', '<script><![CDATA[ alert(1) ]]></script>', ['<script>']],
    ['an xml-stylesheet processing instruction', '<?xml-stylesheet type="text/xsl" href="x.xsl"?>', ['<?xml-stylesheet?>']],
  ])('%s', (_, body, whats) => {
    const result = asset('unsafe.svg', SVG(body));
    expect(result.publish).toBeUndefined();
    expect(result.diagnostics.map((d) => d.rule)).toEqual(whats.map(() => 'assets/unsafe-svg'));
    whats.forEach((what, i) => expect(result.diagnostics[i]!.message).toContain(what));
    expect(result.diagnostics.every((d) => d.line === 3 || d.line === 2)).toBe(true);
  });

  test('a DTD whose entities would expand into markup', () => {
    const result = asset('entity.svg', '<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY x "<script>alert(1)</script>"> ]>\n<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>\n');
    expect(result.diagnostics.map((d) => [d.rule, d.line])).toEqual([['assets/unsafe-svg', 2], ['assets/unsafe-svg', 2]]);
  });
});

describe('assets/forbidden and assets/unknown-type', () => {
  test('an HTML page', () => {
    const result = asset('dashboard.html', '<!doctype html><p>Grafana export</p>');
    expect(result.lines).toEqual([
      "content/runbooks/files/dashboard.html:0:0 error .html files are not published: this is a web page, and served from the site it would run with the site's authority. Write it as a Markdown document, or link to where it is hosted. assets/forbidden",
    ]);
    expect(result.publish).toBeUndefined();
  });

  test('JavaScript, with a way to offer it for download', () => {
    expect(asset('fix.mjs', 'db.orders.updateMany({}, {})\n').lines).toEqual([
      "content/runbooks/files/fix.mjs:0:0 error .mjs files are not published: this is a script a page of the site could load and run, and served from the site it would run with the site's authority. To offer it for download, rename it to fix.mjs.txt: a text file is served as text and never runs. assets/forbidden",
    ]);
  });

  test('XML that carries HTML', () => {
    const result = asset('page.xml', '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body onload="alert(1)"/></html>\n');
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([['assets/forbidden', 2, 7]]);
  });

  test('an unknown type is a warning and is not published', () => {
    const result = asset('tool.exe', Buffer.from([0x4d, 0x5a, 0, 0]));
    expect(result.lines).toEqual([
      'content/runbooks/files/tool.exe:0:0 warning This file is not published: the site does not serve .exe files. Images, PDFs, SVG and text files (configs, logs, scripts) are published; rename it to tool.exe.txt to offer it as text, or move it out of content/. assets/unknown-type',
    ]);
    expect(result.publish).toBeUndefined();
  });
});

describe('credentials in attachments', () => {
  const AWS = '[default]\naws_access_key_id = AKIAZ7Q3R5T2W4Y6U8I0\naws_secret_access_key = q8Jf2Lw9Xz4Vb7Nm1Kp3Rt6Yh0Gd5Sa8Ec2Uo4Iy\n';

  test('an .ini with an AWS key pair is flagged, masked, and not published', () => {
    const result = asset('credentials.ini', AWS);
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([
      ['secrets/credential', 2, 'This looks like an AWS access key id: AKIA…(20 characters)'],
      ['secrets/credential', 3, 'This looks like an AWS secret access key: q8Jf…(40 characters)'],
    ]);
    expect(result.lines.join('\n')).not.toContain('q8Jf2Lw9');
    expect(result.publish).toBeUndefined();
  });

  test('CRLF text is scanned; binary files and files with NUL bytes are not; unpublished types are', () => {
    expect(findAssetSecrets('content/x/creds.conf', Buffer.from(AWS.replace(/\n/g, '\r\n'))).map((d) => d.line)).toEqual([2, 3]);
    expect(findAssetSecrets('content/x/creds.png', Buffer.from(AWS))).toEqual([]);
    expect(findAssetSecrets('content/x/creds.dat', Buffer.concat([Buffer.from(AWS), Buffer.from([0])]))).toEqual([]);
    expect(findAssetSecrets('content/x/creds.bak', Buffer.from(AWS)).map((d) => d.rule)).toEqual(['secrets/credential', 'secrets/credential']);
  });
});

/**
 * One fixture content tree per failure mode, through the real loader and
 * validator: every problem in every file, in one run, with its exact text.
 */
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../../src/core/diagnostics/diagnostics.ts';
import { openProject } from '../../../src/core/project.ts';
import { checkFixture, REPO_ROOT } from '../../helpers/content.ts';

describe('fixture trees', () => {
  test("YAML syntax, duplicate keys, anchors, tags, merge keys and broken frontmatter", async () => {
    expect(await checkFixture("yaml-errors")).toEqual([
      "content/runbooks/empty.md:1:1 error This runbook is empty. Write the runbook's fields, or delete the file. file/empty",
      "content/runbooks/list-frontmatter.md:2:1 error The runbook's fields must be a YAML mapping (key: value lines), not a list. Write one \"field: value\" per line. schema/type",
      "content/runbooks/no-frontmatter.md:1:1 error This runbook has no frontmatter. Start the file with a line \"---\", the runbook's fields in YAML, and another \"---\". frontmatter/missing",
      "content/runbooks/notes.txt:0:0 warning This file is not read: runbooks are .md or .mdx files. Rename it to .md if it is a runbook, or move it out of content/runbooks/. file/ignored",
      "content/runbooks/syntax.md:4:1 error YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]. Check indentation, colons and quotes on this line and the one above. yaml/syntax",
      "content/runbooks/unclosed.md:1:1 error The frontmatter opened on line 1 is never closed. Add a line \"---\" after the last field. frontmatter/unclosed",
      "content/services/anchors.yaml:2:11 error YAML anchors (&o) are not allowed. Remove the anchor and write values out in full. yaml/anchor",
      "content/services/anchors.yaml:4:14 error YAML aliases (*o) are not allowed. Write the value out in full; aliases hide what a document says. yaml/alias",
      "content/services/custom-tag.yaml:1:7 error YAML tag !secret is not allowed. Remove the tag; values are plain text, numbers, booleans, lists and mappings. yaml/tag",
      "content/services/custom-tag.yaml:1:15 error YAML tag !secret is not allowed. Remove the tag; values are plain text, numbers, booleans, lists and mappings. yaml/tag",
      "content/services/duplicate-key.yaml:4:1 error The key \"name\" appears twice in the same mapping (first on line 1). Keep one of them: YAML would silently use only one value. yaml/duplicate-key",
      "content/services/merge-key.yaml:5:3 error YAML merge keys (<<) are not allowed. Write the keys out in full. yaml/merge-key",
    ]);
  });

  test("dangling frontmatter references, with did-you-mean", async () => {
    expect(await checkFixture("references")).toEqual([
      "content/procedures/release-process.md:7:12 error \"triggers[0]\" names no procedure \"nope\". Ids are file paths inside content/procedures/, without the extension. refs/missing",
      "content/runbooks/a.md:4:8 error \"owner\" names no team \"shpo\"; did you mean \"shop\"? Ids are file paths inside content/teams/, without the extension. refs/missing",
      "content/runbooks/a.md:7:14 error \"related[1]\" names no runbook, procedure or guide \"release-proces\"; did you mean \"release-process\"? Ids are file paths inside content/runbooks/, content/procedures/ or content/guides/, without the extension. refs/missing",
      "content/services/checkout.yaml:5:14 error \"dependsOn[0].service\" names no service \"paymnts\"; did you mean \"payments\"? Ids are file paths inside content/services/, without the extension. refs/missing",
      "content/services/payments.yaml:2:8 error \"owner\" names no team \"Shop\"; did you mean \"shop\"? Ids are lower-case. refs/missing",
    ]);
  });

  test("ids that differ only by case, Unicode normalisation or extension", async () => {
    expect(await checkFixture("duplicate-ids")).toEqual([
      "content/runbooks/café.md:1:1 error Another runbook has the same id \"café\": content/runbooks/café.md. The names differ only in Unicode normalisation (the same letters, encoded differently), which ids ignore: rename one of the files. ids/duplicate",
      "content/runbooks/café.md:1:1 error Another runbook has the same id \"café\": content/runbooks/café.md. The names differ only in Unicode normalisation (the same letters, encoded differently), which ids ignore: rename one of the files. ids/duplicate",
      "content/runbooks/payments/db-failover.md:1:1 error Another runbook has the same id \"payments/db-failover\": content/runbooks/Payments/DB-Failover.md. The names differ only in letter case, which ids ignore: rename one of the files. ids/duplicate",
      "content/runbooks/Payments/DB-Failover.md:1:1 error Another runbook has the same id \"payments/db-failover\": content/runbooks/payments/db-failover.md. The names differ only in letter case, which ids ignore: rename one of the files. ids/duplicate",
      "content/runbooks/restart.md:1:1 error Another runbook has the same id \"restart\": content/runbooks/restart.mdx. The names differ only in their extension, which ids ignore: rename one of the files. ids/duplicate",
      "content/runbooks/restart.mdx:1:1 error Another runbook has the same id \"restart\": content/runbooks/restart.md. The names differ only in their extension, which ids ignore: rename one of the files. ids/duplicate",
    ]);
  });

  test("required sections, aliases from the configuration, step numbering and task lists", async () => {
    expect(await checkFixture("body-structure")).toEqual([
      "content/operations/2026-01-05-no-rollback.md:15:1 error This operation has no \"Rollback\" section when riskLevel is medium. Add a \"## Rollback\" heading. body/missing-section",
      "content/operations/2026-01-07-plain-verification.md:18:1 error \"Verification\" has no task-list items. List each item as \"- [ ] what must be true\" (or \"- [x]\" once done). body/task-list",
      "content/procedures/dod-without-tasks.md:18:1 error \"Definition of Done\" has no task-list items. List each item as \"- [ ] what must be true\" (or \"- [x]\" once done). body/task-list",
      "content/procedures/step-gap.md:20:1 error Step 4 follows Step 2; expected Step 3. Number the steps 1, 2, 3… without gaps or repeats. body/step-numbering",
      "content/runbooks/missing-diagnosis.md:8:1 error This runbook has no \"Diagnosis\" section. Add a \"## Diagnosis\" heading (or \"诊断\"). body/missing-section",
      "content/runbooks/out-of-order.md:12:1 warning \"Diagnosis\" comes before \"Impact\". Sections of a runbook read in this order: Symptoms, Impact, Diagnosis, Mitigation, Escalation, Verification. body/section-order",
    ]);
  });

  test("operationId against the file name, and duplicate operation ids", async () => {
    expect(await checkFixture("operation-ids")).toEqual([
      "content/operations/2026/2026-02-01-db-restart.md:2:14 error operationId 2026-02-01-db-restart is also used by content/operations/archive/2026-02-01-db-restart.md. Each operation record needs its own id; make the slug more specific. operation/duplicate-id",
      "content/operations/2026/2026-02-03-cache-flush.md:2:14 error \"operationId\" is 2026-02-03-cache-purge but the file is named 2026-02-03-cache-flush.md. Rename the file to 2026-02-03-cache-purge.md or correct operationId: the two must be equal. operation/id-mismatch",
      "content/operations/archive/2026-02-01-db-restart.md:2:14 error operationId 2026-02-01-db-restart is also used by content/operations/2026/2026-02-01-db-restart.md. Each operation record needs its own id; make the slug more specific. operation/duplicate-id",
    ]);
  });

  test("invalid UTF-8 is an error; a BOM and CRLF line ends are fine", async () => {
    expect(await checkFixture("encoding")).toEqual([
      "content/runbooks/latin1.md:0:0 error This file is not valid UTF-8. Save it as UTF-8 (most editors have an \"encoding\" setting). file/encoding",
    ]);
  });

  test("body links: missing files and anchors, letter case, assets, links leaving content/", async () => {
    expect(await checkFixture("links")).toEqual([
      "content/runbooks/ops/broken.md:16:3 error The link \"./missing.md\" leads to content/runbooks/ops/missing.md, which does not exist. Link paths are relative to this file, as on GitHub; the .md extension is optional. links/missing-target",
      "content/runbooks/ops/broken.md:17:3 error The link \"./othr.md\" leads to content/runbooks/ops/othr.md, which does not exist; did you mean ./other.md? Link paths are relative to this file, as on GitHub; the .md extension is optional. links/missing-target",
      "content/runbooks/ops/broken.md:18:3 error No heading \"#mitgation\" in content/runbooks/ops/other.md; did you mean \"#mitigation\"? Anchors are heading slugs: lower-case, spaces as hyphens, punctuation dropped. links/missing-anchor",
      "content/runbooks/ops/broken.md:19:3 error The link \"./Other.md\" matches content/runbooks/ops/other.md only in another letter case. Write it as ./other.md: links are case-sensitive on most web servers. links/case-mismatch",
      "content/runbooks/ops/broken.md:20:3 error The link \"./img/Map.png\" matches content/runbooks/ops/img/map.png only in another letter case. Write it as ./img/map.png: links are case-sensitive on most web servers. links/case-mismatch",
      "content/runbooks/ops/broken.md:21:3 error The link \"./img/missing.png\" leads to content/runbooks/ops/img/missing.png, which does not exist. Link paths are relative to this file, as on GitHub; the .md extension is optional. links/missing-target",
      "content/runbooks/ops/broken.md:22:3 error The link \"../../../README.md\" leads outside content/. Only documents and files under content/ are published; link to those, or use a full https:// URL. links/outside-content",
      "content/runbooks/ops/broken.md:23:3 error The link \"/runbooks/ops/other/\" is a site path. Link to the file instead, relative to this one (e.g. ../runbooks/payments/db-failover.md), so the link works on GitHub and under any base path. links/absolute",
      "content/runbooks/ops/broken.md:24:3 error No heading \"#nowhere\" in this document. Anchors are heading slugs: lower-case, spaces as hyphens, punctuation dropped. links/missing-anchor",
    ]);
  });

  test("alerts claimed twice, and coverage against alert rule files", async () => {
    expect(await checkFixture("alerts")).toEqual([
      "alert-rules/shop.rules.yaml:11:24 warning runbook_url of \"Checkout Latency/High\" does not lead to its alert page. Set it to <site URL>/alerts/checkout-latency-high/, which always leads to content/runbooks/checkout-down.md. alerts/runbook-url",
      "alert-rules/shop.rules.yaml:12:16 error Alert \"CheckoutDwn\" has no runbook; a runbook lists \"CheckoutDown\". Make the two names the same. alerts/no-runbook",
      "alert-rules/shop.rules.yaml:14:16 error Alert \"CartEmpty\" has no runbook. Add \"CartEmpty\" to the alerts of the runbook on-call should follow when it fires. alerts/no-runbook",
      "content/runbooks/checkout-down.md:7:47 warning No alert rule defines \"NotInRules\". Check the spelling against alert-rules/*.yaml, or remove the alert if it was deleted. alerts/no-rule",
      "content/runbooks/checkout-errors.md:7:10 error Alert \"checkoutdown\" is also claimed by content/runbooks/checkout-down.md (line 7) as \"CheckoutDown\". An alert leads to one runbook: keep it in one of them and link the other with \"related\". alerts/duplicate",
    ]);
  });

  test("authored Mermaid: syntax errors, click callbacks, loosening %%{init}%%, active HTML", async () => {
    expect(await checkFixture("diagrams")).toEqual([
      "content/runbooks/click.md:14:1 error Mermaid \"click\" callbacks and links are not allowed in authored diagrams. Remove the click line; link to pages in the text around the diagram instead. mermaid/click",
      "content/runbooks/init.md:12:1 error This %%{init}%% changes securityLevel, which would loosen Mermaid's strict security level. Remove that setting; diagrams always render at the strict level. mermaid/init",
      "content/runbooks/script.md:13:1 error This diagram line holds script or active HTML. Use plain text in labels; Mermaid shows HTML as text at the strict level. mermaid/html",
      "content/runbooks/syntax.md:14:1 error This Mermaid diagram cannot be parsed: Expecting 'LINK', 'UNICODE_TEXT', 'EDGE_TEXT', got '1'. Check the diagram in the Mermaid live editor or against the Mermaid docs; a diagram that cannot be parsed would render as nothing. mermaid/syntax",
    ]);
  });

  test('the valid fixture and the example content have no problems', async () => {
    expect(await checkFixture('valid')).toEqual([]);
    const project = await openProject(REPO_ROOT);
    expect(project.diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

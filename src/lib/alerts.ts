/** Alerts for pages and alerts.json: name, alert page and runbook, with the base applied. */
import { alertPath, documentPath } from '../core/links/urls.ts';
import { currentProject, href } from './site.ts';

export interface SiteAlert {
  name: string;
  slug: string;
  /** The alert's own page, for `runbook_url`. */
  url: string;
  runbook: { id: string; title: string; url: string; severity?: string | undefined; services: string[] };
}

export async function siteAlerts(): Promise<SiteAlert[]> {
  const project = await currentProject();
  return [...project.alerts.values()]
    .filter((alert) => alert.runbook.data)
    .map((alert) => {
      const data = alert.runbook.data as { title: string; severity?: string; services: string[] };
      return {
        name: alert.name,
        slug: alert.slug,
        url: href(alertPath(alert.name)),
        runbook: { id: alert.runbook.id, title: data.title, url: href(documentPath('runbooks', alert.runbook.id)), severity: data.severity, services: data.services },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

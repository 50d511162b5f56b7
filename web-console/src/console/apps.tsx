/**
 * The apps the console can offer, and what they hold. The GraphQL API has no list of an organization's apps yet,
 * so the apps known are those the organization's reports draw from: each is named (and its fields and variables
 * listed) through the report editor of one report that uses it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { graphql } from './gql';
import { ReportsQuery } from './api/ops.ts';

const AppNamesQuery = graphql(`
  query AppNames($reportId: ID!) { reportEditor(reportId: $reportId) { qlikApps { id name connectionName isAvailable } } }
`);

const AppItemsQuery = graphql(`
  query AppItems($reportId: ID!) {
    reportEditor(reportId: $reportId) { templateItems { name type objects { id itemId title type } } }
  }
`);

export interface KnownApp {
  readonly id: string;
  readonly name: string;
  /** A report that draws from the app, through which its content is read. */
  readonly reportId: string;
}

/** The apps of the organization's reports, named. */
export function useKnownApps(organizationId: string | null | undefined, enabled = true): { apps: KnownApp[]; fetching: boolean } {
  const client = useClient();
  const [{ data, fetching }] = useQuery({ query: ReportsQuery, variables: { first: 100 }, pause: !enabled });
  const representatives = useMemo(() => {
    const byApp = new Map<string, string>();
    for (const report of data?.reports.nodes ?? []) {
      if (organizationId && report.project.organizationId !== organizationId) continue;
      for (const appId of report.qlikAppIds) {
        if (!byApp.has(appId)) byApp.set(appId, report.uuid);
      }
    }
    return byApp;
  }, [data, organizationId]);
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    const reports = [...new Set(representatives.values())];
    let cancelled = false;
    void Promise.all(reports.map((reportId) => client.query(AppNamesQuery, { reportId }).toPromise())).then((results) => {
      if (cancelled) return;
      const found: Record<string, string> = {};
      for (const result of results) {
        for (const app of result.data?.reportEditor?.qlikApps ?? []) {
          found[app.id] = app.connectionName ? `${app.name ?? app.id} (${app.connectionName})` : (app.name ?? app.id);
        }
      }
      setNames(found);
    });
    return () => {
      cancelled = true;
    };
  }, [representatives, client]);
  const apps = [...representatives.entries()].map(([id, reportId]) => ({ id, reportId, name: names[id] ?? id }));
  return { apps, fetching };
}

export interface AppItem {
  readonly id: string;
  readonly name: string;
}

/** An app's fields, variables and sheet objects, with the stable ids filters and conditions take. */
export function useAppItems(reportId: string | null): { fields: AppItem[]; variables: AppItem[]; objects: (AppItem & { type: string })[]; fetching: boolean } {
  const [{ data, fetching }] = useQuery({ query: AppItemsQuery, variables: { reportId: reportId ?? '' }, pause: !reportId });
  const groups = data?.reportEditor?.templateItems ?? [];
  const pick = (type: string) => groups.filter((group) => group.type === type).flatMap((group) => group.objects ?? [])
    .filter((item) => item.id).map((item) => ({ id: item.id!, name: item.title ?? item.itemId ?? item.id! }));
  const objects = new Map<string, AppItem & { type: string }>();
  for (const item of groups.filter((group) => group.type === 'sheet').flatMap((group) => group.objects ?? [])) {
    if (item.id && !objects.has(item.id)) {
      objects.set(item.id, { id: item.id, name: `${item.title || item.itemId || item.id} (${item.type ?? 'object'})`, type: item.type ?? '' });
    }
  }
  return { fields: pick('fields'), variables: pick('variables'), objects: [...objects.values()], fetching };
}

/**
 * The apps the console can offer, and what they hold. The apps are those the organization's connections serve
 * (organizationQlikApps); an app's fields, variables, bookmarks and sheet objects are read from the app itself
 * (appContents), so an app no report uses can be picked from too. A report's own items (of all its apps) are read
 * through its template items.
 */
import { useQuery } from 'urql';
import { graphql } from './gql';
import { OrganizationAppsQuery } from './api/taskOps.ts';

const ReportItemsQuery = graphql(`
  query AppItems($reportId: ID!) {
    reportEditor(reportId: $reportId) { templateItems { name type objects { id itemId title type } } }
  }
`);

const AppContentsQuery = graphql(`
  query AppContents($organizationId: ID, $appId: ID) {
    appContents(organizationId: $organizationId, appId: $appId) {
      appId fields { id name } variables { id name } bookmarks { id name description }
      sheets { id title objects { id itemId title type } }
    }
  }
`);

export interface KnownApp {
  readonly id: string;
  readonly name: string;
}

/** The apps of the organization's connections, named with their connection. */
export function useKnownApps(organizationId: string | null | undefined, enabled = true): { apps: KnownApp[]; fetching: boolean } {
  const [{ data, fetching }] = useQuery({ query: OrganizationAppsQuery, variables: { organizationId: organizationId ?? '' }, pause: !enabled || !organizationId });
  const apps = (data?.organizationQlikApps ?? []).map((app) => ({
    id: app.id,
    name: app.connectionName ? `${app.name ?? app.id} (${app.connectionName})` : (app.name ?? app.id),
  }));
  return { apps, fetching };
}

export interface AppItem {
  readonly id: string;
  readonly name: string;
}

export interface AppItems {
  readonly fields: AppItem[];
  readonly variables: AppItem[];
  readonly bookmarks: AppItem[];
  readonly objects: (AppItem & { type: string })[];
  readonly fetching: boolean;
}

/** One app's fields, variables, bookmarks and sheet objects, read from the app, with the stable ids filters and conditions take. */
export function useAppItems(organizationId: string | null | undefined, appId: string | null): AppItems {
  const [{ data, fetching }] = useQuery({ query: AppContentsQuery, variables: { organizationId: organizationId ?? null, appId },
    pause: !organizationId || !appId });
  const contents = data?.appContents?.appId === appId ? data.appContents : null;
  const objects = new Map<string, AppItem & { type: string }>();
  for (const item of (contents?.sheets ?? []).flatMap((sheet) => sheet.objects)) {
    if (!objects.has(item.id)) {
      objects.set(item.id, { id: item.id, name: `${item.title || item.itemId} (${item.type ?? 'object'})`, type: item.type ?? '' });
    }
  }
  return {
    fields: (contents?.fields ?? []).map((field) => ({ id: field.id, name: field.name })),
    variables: (contents?.variables ?? []).map((variable) => ({ id: variable.id, name: variable.name })),
    bookmarks: (contents?.bookmarks ?? []).map((bookmark) => ({ id: bookmark.id, name: bookmark.name ?? bookmark.id })),
    objects: [...objects.values()],
    fetching,
  };
}

/** The fields, variables and sheet objects of all of a report's apps, through its template items. */
export function useReportItems(reportId: string | null): Omit<AppItems, 'bookmarks'> {
  const [{ data, fetching }] = useQuery({ query: ReportItemsQuery, variables: { reportId: reportId ?? '' }, pause: !reportId });
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

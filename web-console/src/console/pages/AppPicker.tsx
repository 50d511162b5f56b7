/**
 * Picks what a filter item applies to: the app (among those the organization's connections serve), then the field,
 * the variable or the bookmark from that app, with search.
 */
import { Select } from '@mantine/core';
import { useAppItems, useKnownApps } from '../apps.tsx';

interface Props {
  organizationId: string;
  kind: 'field' | 'variable' | 'bookmark';
  app: string | null;
  onApp: (app: string | null) => void;
  target: string | null;
  onTarget: (target: string | null) => void;
  error?: string | undefined;
}

export function AppPicker({ organizationId, kind, app, onApp, target, onTarget, error }: Props) {
  const { apps } = useKnownApps(organizationId);
  const { fields, variables, bookmarks, fetching } = useAppItems(organizationId, app);
  const label = kind === 'field' ? 'Field' : kind === 'variable' ? 'Variable' : 'Bookmark';
  const items = kind === 'field' ? fields : kind === 'variable' ? variables : bookmarks;
  return (
    <>
      <Select label="App" placeholder={apps.length ? 'Pick an app' : 'No app is served by a connection yet'} searchable
        data={apps.map((known) => ({ value: known.id, label: known.name }))} value={app} onChange={(value) => { onApp(value); onTarget(null); }} />
      <Select label={label} required searchable nothingFoundMessage={fetching ? 'Reading the app…' : 'Nothing matches'}
        placeholder={app ? `Search the app's ${kind}s` : 'Pick an app first'} disabled={!app} data-testid="app-item-picker"
        data={items.map((item) => ({ value: item.id, label: item.name }))} value={target} onChange={onTarget} error={error} />
    </>
  );
}

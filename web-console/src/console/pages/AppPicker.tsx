/**
 * Picks what a filter item applies to: the app (among those the organization's reports use), then the field or
 * the variable from that app, with search. Bookmarks are not listed by the API yet, so their id is typed.
 */
import { Select, TextInput } from '@mantine/core';
import { useAppItems, useKnownApps } from '../apps.tsx';
import { useSession } from '../org.tsx';

interface Props {
  kind: 'field' | 'variable' | 'bookmark';
  app: string | null;
  onApp: (app: string | null) => void;
  target: string | null;
  onTarget: (target: string | null) => void;
  error?: string | undefined;
}

export function AppPicker({ kind, app, onApp, target, onTarget, error }: Props) {
  const session = useSession();
  const { apps } = useKnownApps(session.organization?.uuid);
  const current = apps.find((known) => known.id === app) ?? null;
  const { fields, variables, fetching } = useAppItems(current?.reportId ?? null);
  const label = kind === 'field' ? 'Field' : kind === 'variable' ? 'Variable' : 'Bookmark';
  const items = kind === 'field' ? fields : variables;
  return (
    <>
      <Select label="App" placeholder={apps.length ? 'Pick an app' : 'No app is used by a report yet'} searchable
        data={apps.map((known) => ({ value: known.id, label: known.name }))} value={app} onChange={(value) => { onApp(value); onTarget(null); }} />
      {kind === 'bookmark' ? (
        <TextInput label={label} description="The bookmark's id in the app." required value={target ?? ''} onChange={(e) => onTarget(e.currentTarget.value || null)} error={error} />
      ) : (
        <Select label={label} required searchable nothingFoundMessage={fetching ? 'Reading the app…' : 'Nothing matches'}
          placeholder={app ? `Search the app's ${kind}s` : 'Pick an app first'} disabled={!app} data-testid="app-item-picker"
          data={items.map((item) => ({ value: item.id, label: item.name }))} value={target} onChange={onTarget} error={error} />
      )}
    </>
  );
}

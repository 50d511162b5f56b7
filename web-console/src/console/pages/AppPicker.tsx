/**
 * Picks what a filter item applies to in an app: the field (and its values), the variable or the bookmark.
 * The GraphQL API does not list an app's fields, values, variables or bookmarks yet, so until it does this asks
 * for their ids as text; the filter screen then takes the values as typed tags.
 */
import { TextInput } from '@mantine/core';

interface Props {
  kind: 'field' | 'variable' | 'bookmark';
  app: string | null;
  onApp: (app: string | null) => void;
  target: string | null;
  onTarget: (target: string | null) => void;
  values: string[];
  onValues: (values: string[]) => void;
  error?: string | undefined;
}

export function AppPicker({ kind, app, onApp, target, onTarget, error }: Props) {
  const label = kind === 'field' ? 'Field' : kind === 'variable' ? 'Variable' : 'Bookmark';
  return (
    <>
      <TextInput label="App" description="The app the item applies to; the filter's app when empty." value={app ?? ''}
        onChange={(e) => onApp(e.currentTarget.value || null)} />
      <TextInput label={label} required value={target ?? ''} onChange={(e) => onTarget(e.currentTarget.value || null)} error={error} />
    </>
  );
}

/** Whether the picker also picks field values (the filter screen shows a free values input when it does not). */
AppPicker.picksValues = false;

/**
 * The hub: the files published by tasks that the user may see, by task and version, to download. The GraphQL API
 * has no hub listing yet (it is being added); until then the page says so instead of reading REST.
 */
import { PageHeader, EmptyState } from '../ui.tsx';

export function HubPage() {
  return (
    <>
      <PageHeader title="Hub" subtitle="Reports published for you by tasks." />
      <EmptyState text="The hub listing arrives with the server's GraphQL hub query." />
    </>
  );
}

/** The signed-in viewer and the organization the console is working in (the switcher in the header). */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { Center, Loader, Alert } from '@mantine/core';
import { ViewerQuery } from './api/ops.ts';
import { describeError } from './ui.tsx';

const ORG_KEY = 'qalyptus.organization';

export interface Organization {
  readonly uuid: string;
  readonly name: string;
}

export interface Session {
  readonly email: string;
  readonly name: string | null;
  readonly userId: string;
  readonly organizations: readonly Organization[];
  readonly organization: Organization | null;
  selectOrganization(uuid: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error('useSession outside SessionProvider');
  }
  return session;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [{ data, fetching, error }] = useQuery({ query: ViewerQuery, requestPolicy: 'network-only' });
  const [selected, setSelected] = useState<string | null>(() => localStorage.getItem(ORG_KEY));
  const organizations = useMemo(
    () => (data?.organizations.nodes ?? []).map((org) => ({ uuid: org.uuid, name: org.displayName || org.name, isDefault: org.isDefault })),
    [data],
  );
  const organization = useMemo(() => {
    const limited = data?.viewer.organizationId;
    return organizations.find((org) => org.uuid === selected)
      ?? organizations.find((org) => org.uuid === limited)
      ?? organizations.find((org) => org.isDefault)
      ?? organizations[0]
      ?? null;
  }, [organizations, selected, data]);
  useEffect(() => {
    if (organization) {
      localStorage.setItem(ORG_KEY, organization.uuid);
    }
  }, [organization]);
  if (error) {
    return <Alert m="lg" color="red" role="alert" title="Could not load your account">{describeError(error)}</Alert>;
  }
  if (!fetching && !data) {
    return <Alert m="lg" color="red" role="alert" title="Could not load your account">Sign in again.</Alert>;
  }
  if (fetching || !data) {
    return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  }
  const session: Session = {
    email: data.viewer.email,
    name: data.viewer.user?.name ?? null,
    userId: data.viewer.userId,
    organizations,
    organization,
    selectOrganization: setSelected,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

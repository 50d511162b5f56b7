/** The frame of every signed-in page: header with the organization switcher and the user, navigation, content. */
import { AppShell, Burger, Button, Group, NavLink, Select, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../org.tsx';
import { signOut } from '../auth.ts';
import { paths } from '../routes.ts';

const NAV = [
  { label: 'Projects', to: paths.projects(), section: 'projects' },
  { label: 'Reports', to: paths.reports(), section: 'reports' },
  { label: 'Tasks', to: paths.tasks(), section: 'tasks' },
  { label: 'Status', to: paths.status(), section: 'status' },
  { label: 'Hub', to: paths.hub(), section: 'hub' },
  { label: 'Administration', to: paths.admin(), section: 'admin' },
];

/** Which navigation entry a path belongs to (filters and conditions live in projects). */
function sectionOf(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return first === 'filters' || first === 'conditions' ? 'projects' : first;
}

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const section = sectionOf(location.pathname);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a className="skip-link" href="#main">Skip to content</a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Text fw={700} component={Link} to="/" c="inherit" td="none">Qalyptus OSS</Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {session.organizations.length > 0 ? (
              <>
                <VisuallyHidden><label htmlFor="org-switcher">Organization</label></VisuallyHidden>
                <Select id="org-switcher" aria-label="Organization" size="xs" w={200} allowDeselect={false}
                  data={session.organizations.map((org) => ({ value: org.uuid, label: org.name }))}
                  value={session.organization?.uuid ?? null}
                  onChange={(value) => {
                    if (value) {
                      session.selectOrganization(value);
                      navigate(paths.projects());
                    }
                  }} />
              </>
            ) : null}
            <Text size="sm" visibleFrom="md" data-testid="viewer-email">{session.email}</Text>
            <Button size="xs" variant="default" onClick={() => { void signOut(); }}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation" component="nav">
        {NAV.map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={section === item.section}
            aria-current={section === item.section ? 'page' : undefined} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

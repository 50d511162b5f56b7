import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../ui.tsx';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <Text>There is no page at <code>{location.pathname}</code>.</Text>
      <Anchor component={Link} to="/projects">Go to the projects</Anchor>
    </>
  );
}

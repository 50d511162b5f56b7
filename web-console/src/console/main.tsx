// The console's entry: Mantine (system fonts, light/dark from the OS), the GraphQL client, the router.
import '@mantine/core/styles.css';
import './console.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, createTheme } from '@mantine/core';
import { Provider as UrqlProvider } from 'urql';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { createConsoleClient } from './client.ts';
import { currentToken } from './auth.ts';
import { SessionProvider } from './org.tsx';
import { Shell } from './pages/Shell.tsx';
import { LoginPage } from './pages/Login.tsx';
import { ProjectsPage } from './pages/Projects.tsx';
import { ProjectPage } from './pages/Project.tsx';
import { ReportsPage } from './pages/Reports.tsx';
import { ReportPage } from './pages/Report.tsx';
import { FilterPage } from './pages/Filter.tsx';
import { ConditionPage } from './pages/Condition.tsx';
import { TasksPage } from './pages/Tasks.tsx';
import { TaskPage } from './pages/Task.tsx';
import { StatusPage } from './pages/Status.tsx';
import { HubPage } from './pages/Hub.tsx';
import { AdminPage } from './pages/admin/AdminPage.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';

const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif",
  fontFamilyMonospace: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
});

const client = createConsoleClient();

/** Every route but /login needs a session; without one, go sign in and come back. */
function RequireSession() {
  const location = useLocation();
  if (!currentToken()) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  return (
    <SessionProvider>
      <Shell />
    </SessionProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <UrqlProvider value={client}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route element={<RequireSession />}>
              <Route index element={<Navigate to="/projects" replace />} />
              <Route path="/index.html" element={<Navigate to="/projects" replace />} />
              <Route path="/projects" element={<ProjectsPage />} />
              <Route path="/projects/:projectId" element={<ProjectPage />} />
              <Route path="/projects/:projectId/:tab" element={<ProjectPage />} />
              <Route path="/reports" element={<ReportsPage />} />
              <Route path="/reports/:reportId" element={<ReportPage />} />
              <Route path="/filters/:filterId" element={<FilterPage />} />
              <Route path="/conditions/:conditionId" element={<ConditionPage />} />
              <Route path="/tasks" element={<TasksPage />} />
              <Route path="/tasks/:taskId" element={<TaskPage />} />
              <Route path="/status" element={<StatusPage />} />
              <Route path="/status/:executionId" element={<StatusPage />} />
              <Route path="/hub" element={<HubPage />} />
              <Route path="/admin" element={<AdminPage />} />
              <Route path="/admin/:tab" element={<AdminPage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </UrqlProvider>
    </MantineProvider>
  </StrictMode>,
);

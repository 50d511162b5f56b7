// GraphiQL served by the server at /graphiql from bundled assets only (no CDN): the editor, its
// workers and styles are all part of this build. The bearer token is kept in this browser's
// localStorage and sent on HTTP requests and in the graphql-ws connection_init payload.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { tokenKey, fetcherOptions } from './options.ts';

const root = createRoot(document.getElementById('graphiql-root')!);
const input = document.getElementById('token') as HTMLInputElement;
const state = document.getElementById('token-state')!;

function render(token: string): void {
  const fetcher = createGraphiQLFetcher(fetcherOptions(window.location, token));
  state.textContent = token ? 'token set' : 'no token: requests will be refused (401)';
  // a new key remounts GraphiQL so the schema is fetched again with the new credentials
  root.render(createElement(GraphiQL, { fetcher, key: token, defaultQuery: '{ viewer { email } }' }));
}

input.value = localStorage.getItem(tokenKey) ?? '';
document.getElementById('token-form')!.addEventListener('submit', (event) => {
  event.preventDefault();
  localStorage.setItem(tokenKey, input.value.trim());
  render(input.value.trim());
});
render(input.value.trim());

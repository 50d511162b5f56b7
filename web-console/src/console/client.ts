/**
 * The GraphQL client: HTTP POST /graphql with the bearer token, subscriptions over graphql-ws on the same path with
 * the token in connection_init. A 401 (or the socket's 4401) ends the session and goes back to /login.
 */
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient } from 'graphql-ws';
import { authHeaders, sessionExpired } from './auth.ts';

export function createConsoleClient(): Client {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    lazy: true,
    connectionParams: () => authHeaders(),
    retryAttempts: 5,
    shouldRetry: (event) => !(event instanceof CloseEvent && event.code === 4401),
    on: {
      closed: (event) => {
        if (event instanceof CloseEvent && event.code === 4401) {
          sessionExpired();
        }
      },
    },
  });
  return new Client({
    url: '/graphql',
    // the server takes GraphQL over POST only
    preferGetMethod: false,
    // A refused credential is a 401 whose body is the REST envelope ({"data":null,...}), which urql would read as an
    // empty result: the status is checked here, before urql sees the body.
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.status === 401) {
        sessionExpired();
      }
      return response;
    },
    // Lists change under the user (runs, other people's edits): read the network and keep the cache as a fallback.
    requestPolicy: 'cache-and-network',
    fetchOptions: () => ({ headers: { ...authHeaders(), Accept: 'application/graphql-response+json, application/json' } }),
    exchanges: [
      mapExchange({
        onError(error) {
          const status = (error.response as Response | undefined)?.status;
          const unauthenticated = error.graphQLErrors.some((e) => e.extensions?.['classification'] === 'UNAUTHORIZED'
            || e.extensions?.['code'] === 'UNAUTHORIZED');
          if (status === 401 || unauthenticated) {
            sessionExpired();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              // graphql-ws and urql describe the same result shape with different optional-property typings
              const unsubscribe = ws.subscribe(input, sink as unknown as Parameters<typeof ws.subscribe>[1]);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });
}

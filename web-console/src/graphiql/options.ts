/** Where GraphiQL keeps the bearer token in localStorage. */
export const tokenKey = 'qalyptus.graphiql.token';

/** The fetcher options: same-origin HTTP and graphql-ws at /graphql, with the token on both. */
export function fetcherOptions(location: { protocol: string; host: string }, token: string) {
  const authorization = token ? { Authorization: `Bearer ${token}` } : {};
  return {
    url: `${location.protocol}//${location.host}/graphql`,
    subscriptionUrl: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    headers: authorization,
    wsConnectionParams: authorization,
  };
}

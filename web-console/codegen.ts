import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation the console writes, generated offline from the server's SDL files (the same files the
// server loads), so a schema change that breaks the console fails `npm run build`. The output is not committed:
// the build regenerates it before type-checking, so it can never drift from the schema.
const config: CodegenConfig = {
  schema: '../graphql-schema/src/main/resources/graphql/*.graphqls',
  documents: ['src/console/**/*.{ts,tsx}', '!src/console/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    './src/console/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { DateTime: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
  silent: true,
};

export default config;

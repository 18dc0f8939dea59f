/** The package version, sent as `client.version` in every response. Kept in step with package.json by a test. */
export const version = '0.1.0';

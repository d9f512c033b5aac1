// Request headers the service's own layers set for the app, never trusted from the client: the
// HTTP layer (lib/http/server.ts) and the proxy (proxy.ts) remove any a client sent.

/** The request's path, for the audit trail's "where" (record ids only: no personal data is ever in a path). */
export const PATH_HEADER = "x-sp-path";

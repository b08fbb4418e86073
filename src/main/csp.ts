/**
 * The content security policy of every page we serve, in the Electron window and in browser mode:
 * our own scripts only, no remote content. Kept apart from web.ts so the desktop app does not load
 * the HTTP server just to read it.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

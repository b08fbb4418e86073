import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Window security rules as pure functions, so they are tested in Node: which URLs count as "our app",
 * where navigation may go, which links open in the system browser, and the CSP per mode.
 */

export interface AppLocation {
  /** Absolute path of the built renderer (out/renderer); pages loaded from file:// must live here. */
  rendererDir: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), only in development. */
  devServerUrl?: string | null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True when `url` is a page of this app: a file inside the built renderer, or the dev server's origin. */
export function isAppUrl(url: string, location: AppLocation): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'file:') {
    // Remote file shares (file://host/...) are never ours.
    if (parsed.host !== '') return false;
    let path: string;
    try {
      path = fileURLToPath(parsed);
    } catch {
      return false;
    }
    const rel = relative(location.rendererDir, path);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }
  if (location.devServerUrl) {
    const dev = parse(location.devServerUrl);
    return (
      dev !== null &&
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      parsed.origin === dev.origin
    );
  }
  return false;
}

/** In-app navigation (hash routes, reloads) stays allowed; anything that leaves the app is refused. */
export function isAllowedNavigation(url: string, location: AppLocation): boolean {
  return isAppUrl(url, location);
}

/**
 * What to do with a window.open / target=_blank link: never a new Electron window; plain web and mail
 * links go to the system browser or mail client, everything else (file:, javascript:, custom schemes)
 * is dropped.
 */
export function externalOpenAction(url: string): 'open-external' | 'ignore' {
  const parsed = parse(url);
  if (!parsed) return 'ignore';
  if (parsed.protocol === 'https:' || parsed.protocol === 'http:')
    return parsed.hostname ? 'open-external' : 'ignore';
  if (parsed.protocol === 'mailto:') return 'open-external';
  return 'ignore';
}

/**
 * The renderer needs no camera, microphone, notifications, geolocation…: every permission is refused,
 * except writing plain text to the clipboard from our own pages ("copy phone number" buttons).
 * Reading the clipboard stays refused.
 */
export function permissionDecision(
  permission: string,
  requestingUrl: string,
  location: AppLocation,
): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, location);
}

/**
 * The CSP for the window. Production: the browser transport's policy unchanged. Development: Vite's
 * React refresh preamble is an inline script and HMR talks over a WebSocket to the dev server, so
 * those two (and nothing else) are added.
 */
export function contentSecurityPolicy(basePolicy: string, devServerUrl?: string | null): string {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  if (!dev) return basePolicy;
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return basePolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter(Boolean)
    .map((directive) => {
      if (directive.startsWith('script-src ')) return `${directive} 'unsafe-inline' ${dev.origin}`;
      if (directive.startsWith('connect-src ')) return `${directive} ${dev.origin} ${ws}`;
      return directive;
    })
    .join('; ');
}

/** Adds the CSP to a response's headers, replacing any the server sent (header names are case-insensitive). */
export function withCspHeader(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  externalOpenAction,
  isAllowedNavigation,
  isAppUrl,
  permissionDecision,
  withCspHeader,
  type AppLocation,
} from '../../src/main/shell/security';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';

const built: AppLocation = { rendererDir: '/opt/kam-desk/out/renderer', devServerUrl: null };
const dev: AppLocation = { ...built, devServerUrl: 'http://localhost:5173' };

describe('which pages are the app', () => {
  it('accepts files of the built renderer, with hash routes and queries', () => {
    expect(isAppUrl('file:///opt/kam-desk/out/renderer/index.html', built)).toBe(true);
    expect(isAppUrl('file:///opt/kam-desk/out/renderer/index.html#/customers/42?tab=bills', built)).toBe(
      true,
    );
    expect(isAppUrl('file:///opt/kam-desk/out/renderer/assets/index-abc.js', built)).toBe(true);
  });

  it('refuses other files, look-alike folders, traversal and remote shares', () => {
    expect(isAppUrl('file:///home/user/Downloads/invoice.html', built)).toBe(false);
    expect(isAppUrl('file:///opt/kam-desk/out/renderer-evil/index.html', built)).toBe(false);
    expect(isAppUrl('file:///opt/kam-desk/out/renderer/../main/index.js', built)).toBe(false);
    expect(isAppUrl('file:///opt/kam-desk/out/renderer/%2e%2e/main/index.js', built)).toBe(false);
    expect(isAppUrl('file:///opt/kam-desk/out/renderer', built)).toBe(false);
    expect(isAppUrl('file://fileserver/share/out/renderer/index.html', built)).toBe(false);
  });

  it('accepts the dev server origin only in development', () => {
    expect(isAppUrl('http://localhost:5173/#/login', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173/#/login', built)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('ws://localhost:5173/', dev)).toBe(false);
  });

  it('refuses web pages, data: and javascript: URLs and garbage', () => {
    for (const url of [
      'https://example.com/',
      'data:text/html,<h1>x</h1>',
      'javascript:alert(1)',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url, dev)).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('lets the app move between its own routes but not leave', () => {
    expect(isAllowedNavigation('file:///opt/kam-desk/out/renderer/index.html#/tickets', built)).toBe(true);
    expect(isAllowedNavigation('https://phishing.example/login', built)).toBe(false);
    expect(isAllowedNavigation('file:///C:/Windows/System32/', built)).toBe(false);
  });

  it('sends web and mail links to the system, and drops everything else', () => {
    expect(externalOpenAction('https://www.miit.gov.cn/')).toBe('open-external');
    expect(externalOpenAction('http://intranet.branch.local/policy')).toBe('open-external');
    expect(externalOpenAction('mailto:kam@branch.example')).toBe('open-external');
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'smb://host/share',
      'http://',
      'garbage',
    ]) {
      expect(externalOpenAction(url)).toBe('ignore');
    }
  });
});

describe('permissions', () => {
  const page = 'file:///opt/kam-desk/out/renderer/index.html';

  it('refuses camera, microphone, notifications, geolocation and clipboard reading', () => {
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
    ]) {
      expect(permissionDecision(permission, page, built)).toBe(false);
    }
  });

  it('allows writing plain text to the clipboard from our own pages only', () => {
    expect(permissionDecision('clipboard-sanitized-write', page, built)).toBe(true);
    expect(permissionDecision('clipboard-sanitized-write', 'https://example.com/', built)).toBe(false);
  });
});

describe('the content security policy', () => {
  it('is the browser transport policy in a built app', () => {
    expect(contentSecurityPolicy(CONTENT_SECURITY_POLICY, null)).toBe(CONTENT_SECURITY_POLICY);
  });

  it('adds only the dev server (inline refresh preamble and HMR socket) in development', () => {
    const policy = contentSecurityPolicy(CONTENT_SECURITY_POLICY, 'http://localhost:5173');
    const directives = Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d]));
    expect(directives['script-src']).toBe("script-src 'self' 'unsafe-inline' http://localhost:5173");
    expect(directives['connect-src']).toBe("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(directives['default-src']).toBe("default-src 'self'");
    expect(directives['object-src']).toBe("object-src 'none'");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('replaces whatever CSP a response carried, in any letter case', () => {
    const headers = withCspHeader(
      { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
    expect(withCspHeader(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');
// electron-builder's own YAML reader and schema check (CommonJS, untyped: declared here as used).
const require = createRequire(join(root, 'node_modules', 'app-builder-lib', 'package.json'));
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string }[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: { target: string }[] };
  nsis: { oneClick: boolean; perMachine: boolean; installerLanguages: string[] };
  linux: { target: string[] };
  publish: { provider: string; url: string }[];
}

function load(): BuilderConfig {
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('the installer configuration (electron-builder.yml)', () => {
  it('passes electron-builder’s own schema, which does catch a wrong option', async () => {
    await expect(validateConfiguration(load(), new DebugLogger(false))).resolves.toBeUndefined();
    const broken = load() as BuilderConfig & { nsis: { perUser?: boolean } };
    broken.nsis.perUser = true;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/nsis/);
  });

  it('builds KAM Desk as a Windows NSIS installer and a Linux AppImage', () => {
    const config = load();
    expect(config.productName).toBe('KAM Desk');
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage']);
  });

  it('asks per user or per machine, in Chinese and English', () => {
    const { nsis } = load();
    expect(nsis.oneClick).toBe(false);
    expect(nsis.perMachine).toBe(false);
    expect(nsis.installerLanguages).toEqual(['zh_CN', 'en_US']);
  });

  it('ships the built app and the migrations where the store looks for them', () => {
    const config = load();
    expect(config.files).toContain('out/**/*');
    expect(config.extraResources).toContainEqual(
      expect.objectContaining({ from: 'src/main/db/migrations', to: 'migrations' }),
    );
    expect(existsSync(join(root, 'src/main/db/migrations/meta/_journal.json'))).toBe(true);
    expect(readFileSync(join(root, 'src/main/db/open.ts'), 'utf8')).toMatch(
      /resourcesPath[^\n]*'migrations'/,
    );
  });

  it('rebuilds better-sqlite3 for Electron and keeps its binary outside the asar', () => {
    const config = load();
    expect(config.npmRebuild).toBe(true);
    expect(
      config.asarUnpack.some((pattern) => pattern.includes('better-sqlite3') && pattern.endsWith('.node')),
    ).toBe(true);
  });

  it('publishes update metadata for a generic server whose real URL is a branch setting', () => {
    expect(load().publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https?:\/\//) }]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiReference } from '../../scripts/api-docs';
import { METHOD_NAMES } from '../../src/shared/contract';

describe('docs/api.md', () => {
  it('is the reference generated from the current contract (run `npm run docs:api` if this fails)', () => {
    const committed = readFileSync(join(process.cwd(), 'docs', 'api.md'), 'utf8');
    expect(committed).toBe(renderApiReference());
  });

  it('documents every method with its roles, input and output', () => {
    const text = renderApiReference();
    for (const name of METHOD_NAMES) expect(text).toContain(`## ${name}\n`);
    expect(text).toContain('Roles: admin');
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, METHOD_NAMES, type MethodName } from '../../src/shared/contract';
import { ROLES, type Role } from '../../src/shared/roles';
import { handlers } from '../../src/main/services';
import { makeTestApp, tableCounts } from './helpers';

function allowedRole(method: MethodName): Role {
  const access = contract[method].access;
  return access === 'public' || access === 'authenticated' ? 'admin' : access[0]!;
}

/** Inputs that every method must refuse: not an object, and every declared field of the wrong type. */
function malformedInputs(method: MethodName): unknown[] {
  const schema = contract[method].input;
  const bad: unknown[] = ['not an object', [1, 2, 3], 42];
  if (schema instanceof z.ZodObject) {
    const keys = Object.keys(schema.shape);
    if (keys.length) bad.push(Object.fromEntries(keys.map((k) => [k, { wrong: ['type'] }])));
  }
  return bad;
}

describe('the contract', () => {
  it('every method has a handler, an input object schema, a summary and an access rule', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(10);
    for (const name of METHOD_NAMES) {
      expect(handlers[name], name).toBeDefined();
      expect(contract[name].input, name).toBeInstanceOf(z.ZodObject);
      expect(contract[name].summary.length, name).toBeGreaterThan(10);
      const access = contract[name].access;
      if (Array.isArray(access)) for (const role of access) expect(ROLES).toContain(role);
    }
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('every non-public method answers UNAUTHENTICATED without a session, or with a forged token', async () => {
    const app = makeTestApp({ file: false });
    for (const name of METHOD_NAMES.filter((m) => contract[m].access !== 'public')) {
      for (const token of [undefined, 'forged-token']) {
        const r = await app.api.call(name, {}, { token });
        expect(r.ok, name).toBe(false);
        expect(!r.ok && r.error.code, name).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('a role not listed for a method gets FORBIDDEN and nothing is written', async () => {
    const app = makeTestApp({ file: false });
    const tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, (await app.signIn(role)).token] as const)),
    ) as Record<Role, string>;
    const before = tableCounts(app.runtime);
    let checked = 0;
    for (const name of METHOD_NAMES) {
      const access = contract[name].access;
      if (!Array.isArray(access)) continue;
      for (const role of ROLES.filter((r) => !access.includes(r))) {
        const r = await app.api.call(name, {}, { token: tokens[role] });
        expect(!r.ok && r.error.code, `${name} as ${role}`).toBe('FORBIDDEN');
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    const after = tableCounts(app.runtime);
    // Session touches are the only writes a refused call may cause.
    expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
  });

  it('malformed input to every method answers VALIDATION in the caller language and writes nothing', async () => {
    const app = makeTestApp();
    const tokens: Partial<Record<Role, string>> = {};
    for (const role of ROLES) tokens[role] = (await app.signIn(role)).token;
    const before = tableCounts(app.runtime);
    for (const name of METHOD_NAMES) {
      for (const input of malformedInputs(name)) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const r = await app.api.call(name, input, { token: tokens[allowedRole(name)], locale });
          expect(r.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
          expect(!r.ok && r.error.code, `${name} ${JSON.stringify(input)}`).toBe('VALIDATION');
          const message = !r.ok ? r.error.message : '';
          if (locale === 'zh-CN') expect(message).toMatch(/^请检查：/);
          else expect(message).toMatch(/^Please check: /);
        }
      }
    }
    expect(tableCounts(app.runtime)).toEqual(before);
  });

  it('an unknown method answers NOT_FOUND, naming the method', async () => {
    const app = makeTestApp({ file: false });
    const r = await app.api.call('customers.dropEverything', {}, { locale: 'en' });
    expect(r).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Unknown API method: customers.dropEverything' } });
  });
});

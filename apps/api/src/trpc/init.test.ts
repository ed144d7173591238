import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, toTRPCError } from '../errors';
import { appRouter } from './router';

function shapeOf(error: TRPCError) {
  return getErrorShape({ config: appRouter._def._config, error, type: 'query', path: 'apps.get', input: undefined, ctx: undefined });
}

describe('error formatter', () => {
  it('exposes the domain code and details of an AppError', () => {
    const shape = shapeOf(toTRPCError(new AppError('draft_conflict', 'Saved by Ada', { details: { currentVersion: 3 } })));
    expect(shape).toMatchObject({ message: 'Saved by Ada', data: { code: 'CONFLICT', httpStatus: 409, domainCode: 'draft_conflict', details: { currentVersion: 3 } } });
  });

  it('exposes zod issues with their paths as invalid_param', () => {
    const parsed = z.object({ name: z.string().min(1, 'is required') }).safeParse({ name: '' });
    const shape = shapeOf(new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input', cause: parsed.error }));
    expect(shape.data).toMatchObject({ domainCode: 'invalid_param', issues: [{ path: 'name', message: 'is required' }] });
  });

  it('hides the message and stack of unexpected failures', () => {
    const shape = shapeOf(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('relation "users" does not exist at /srv/db.ts:12') }));
    expect(shape.message).toMatch(/^Internal server error\. The failure was logged/);
    expect(JSON.stringify(shape)).not.toContain('relation');
    expect(shape.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', domainCode: undefined });
    expect(shape.data.stack).toBeUndefined();
  });
});

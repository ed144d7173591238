import { describe, expect, it } from 'vitest';
import { assignableRoles } from './roles';

describe('assignableRoles', () => {
  it('lets owners grant every role', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'editor', 'viewer']);
  });
  it('keeps the owner role away from admins', () => {
    expect(assignableRoles('admin')).toEqual(['admin', 'editor', 'viewer']);
  });
});

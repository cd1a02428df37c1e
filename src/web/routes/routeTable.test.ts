import { describe, expect, it } from 'vitest';
import { canOpen } from './access.js';

// The route table itself imports the pages (React components); its rule is tested here on its own.
describe('route access', () => {
  it('uses one rule for a page and its link: permission and role', () => {
    expect(canOpen({ roles: ['duty_officer'] }, { permission: 'alerts:read' })).toBe(true);
    expect(canOpen({ roles: ['responder'] }, { permission: 'messages:read' })).toBe(false);
    expect(canOpen({ roles: ['admin'] }, { role: 'admin' })).toBe(true);
    expect(canOpen({ roles: ['duty_officer'] }, { role: 'admin' })).toBe(false);
    expect(canOpen({ roles: [] }, {})).toBe(true);
  });
});

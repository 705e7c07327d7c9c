import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../lib/backend';
import { auditDetailText } from './auditDetail';

const t = (key: string, options?: Record<string, unknown>) =>
  options && 'source' in options ? `${key}(${String(options.source)})` : key;

const row = (over: Partial<AuditRow>): AuditRow => ({
  id: 1,
  at: '2026-11-27T09:30:00Z',
  staff_name: 'Li',
  username: 'manager',
  event: 'role_changed',
  detail: '',
  subject: null,
  ...over,
});

describe('auditDetailText', () => {
  it('shows a staff change old → new in words', () => {
    const text = auditDetailText(
      t,
      row({
        subject: {
          staff_id: 4,
          username: 'li.desk',
          changes: [
            { field: 'role', old: 'desk', new: 'manager' },
            { field: 'active', old: 'true', new: 'false' },
          ],
          source: null,
        },
      }),
    );
    expect(text).toBe('li.desk · staff.role: enum.role.desk → enum.role.manager · staff.active: staff.active_yes → staff.active_no');
  });

  it('shows a created value from nothing and where sign-ins came from', () => {
    const created = row({
      event: 'staff_created',
      subject: { staff_id: 4, username: 'li', changes: [{ field: 'department', old: null, new: 'leasing' }], source: null },
    });
    expect(auditDetailText(t, created)).toBe('li · staff.department: common.none → enum.department.leasing');
    const locked = row({ event: 'account_locked', subject: { staff_id: 4, username: 'li', changes: [], source: '10.0.0.7' } });
    expect(auditDetailText(t, locked)).toBe('li · audit.from_source(10.0.0.7)');
  });

  it('keeps older plain details and refusal reasons', () => {
    expect(auditDetailText(t, row({ event: 'password_set', detail: 'staff #3' }))).toBe('staff #3');
    expect(auditDetailText(t, row({ event: 'refused', detail: 'staff_list validation.x' }))).toBe('staff_list · validation.x');
  });
});

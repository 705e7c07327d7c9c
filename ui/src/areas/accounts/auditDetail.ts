import type { AuditRow, FieldChange } from '../../lib/backend';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A staff field's value in words: roles and departments from their vocabularies. */
function valueText(t: Translate, field: string, value: string | null): string {
  if (value === null) return t('common.none');
  if (field === 'role') return t(`enum.role.${value}`);
  if (field === 'department') return t(`enum.department.${value}`);
  if (field === 'active') return t(value === 'true' ? 'staff.active_yes' : 'staff.active_no');
  return value;
}

function changeText(t: Translate, c: FieldChange): string {
  return `${t(`staff.${c.field}`, { defaultValue: c.field })}: ${valueText(t, c.field, c.old)} → ${valueText(t, c.field, c.new)}`;
}

/** The detail column of an audit entry, in the reader's language. */
export function auditDetailText(t: Translate, row: AuditRow): string {
  if (row.subject) {
    const s = row.subject;
    const parts = [s.username, ...s.changes.map((c) => changeText(t, c))];
    if (s.source) parts.push(t('audit.from_source', { source: s.source }));
    return parts.join(' · ');
  }
  // A refusal is recorded as "<command> <reason key>": show the reason in words.
  const [command, reason] = row.event === 'refused' ? row.detail.split(' ') : [row.detail];
  return reason ? `${command} · ${t(reason, { defaultValue: reason })}` : row.detail;
}

import type { TFunction } from 'i18next';

/** Catalog sections holding the display names of enum-like fields in the change log. */
const ENUM_FIELDS: Record<string, string> = {
  kind: 'enum.customer_kind',
  preferred_language: 'language',
  id_document_kind: 'enum.id_document_kind',
  use_kind: 'enum.unit_use',
  status: 'enum.unit_status',
};

/**
 * The change log stores raw values ("person", "zh-CN", "true", "A座 1203 · owner · 2025-03-01–");
 * this turns them into the words of the current language. Unknown values are shown as stored.
 */
export function changeValueText(t: TFunction, field: string, value: string): string {
  if (field === 'vip') {
    if (value === 'true') return t('common.yes');
    if (value === 'false') return t('common.no');
    return value;
  }
  if (field === 'occupancy') {
    const parts = value.split(' · ');
    if (parts.length < 3) return value;
    const role = parts[1];
    parts[1] = t(`enum.occupancy_role.${role}`, { defaultValue: role });
    return parts.join(' · ');
  }
  const section = ENUM_FIELDS[field];
  return section ? t(`${section}.${value}`, { defaultValue: value }) : value;
}

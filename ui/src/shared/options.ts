import type { TFunction } from 'i18next';

/** Select options for an enum whose labels live under `enum.<group>.*` in the catalog. */
export function enumOptions<T extends string>(t: TFunction, group: string, values: readonly T[], testPrefix?: string) {
  return values.map((value) => ({
    value,
    label: t(`enum.${group}.${value}`),
    ...(testPrefix ? { 'data-testid': `${testPrefix}-${value}` } : {}),
  }));
}

export const ROLES = ['manager', 'desk', 'department', 'leasing'] as const;
export const DEPARTMENTS = [
  'management',
  'customer_service',
  'engineering',
  'security',
  'cleaning',
  'landscaping',
  'public_affairs',
  'quality',
  'leasing',
] as const;
export const UNIT_USES = ['residential', 'office', 'shop'] as const;
export const UNIT_STATUSES = ['vacant', 'occupied', 'for_rent', 'renovating'] as const;
export const CUSTOMER_KINDS = ['person', 'company'] as const;
export const OCCUPANCY_ROLES = ['owner', 'tenant', 'occupant'] as const;
export const ID_DOCUMENT_KINDS = ['resident_id', 'passport', 'business_license', 'other'] as const;
export const AUDIT_EVENTS = [
  'login_ok',
  'login_failed',
  'logout',
  'refused',
  'id_revealed',
  'setup',
  'staff_deactivated',
  'password_set',
] as const;
/** Languages a customer may be served in: the keys of the catalog's `language` section. */
export const SERVICE_LANGUAGES = ['zh-CN', 'en', 'ja', 'ko'] as const;

export function languageOptions(t: TFunction) {
  return SERVICE_LANGUAGES.map((code) => ({ value: code, label: t(`language.${code}`) }));
}

export const STATUS_COLORS: Record<string, string> = {
  vacant: 'default',
  occupied: 'green',
  for_rent: 'blue',
  renovating: 'orange',
};

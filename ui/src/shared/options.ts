import { VOCABULARIES } from '../lib/backend';
import type { TFunction } from 'i18next';

/** Select options for an enum whose labels live under `enum.<group>.*` in the catalog. */
export function enumOptions<T extends string>(t: TFunction, group: string, values: readonly T[], testPrefix?: string) {
  return values.map((value) => ({
    value,
    label: t(`enum.${group}.${value}`),
    ...(testPrefix ? { 'data-testid': `${testPrefix}-${value}` } : {}),
  }));
}

// Generated from the core's vocabularies: never a hand copy.
export const ROLES = VOCABULARIES.role;
export const DEPARTMENTS = VOCABULARIES.department;
export const UNIT_USES = VOCABULARIES.unit_use;
export const UNIT_STATUSES = VOCABULARIES.unit_status;
export const CUSTOMER_KINDS = VOCABULARIES.customer_kind;
export const OCCUPANCY_ROLES = VOCABULARIES.occupancy_role;
export const ID_DOCUMENT_KINDS = VOCABULARIES.id_document_kind;
export const AUDIT_EVENTS = VOCABULARIES.audit_event;
export const ESCALATION_TIERS = VOCABULARIES.escalation_tier;
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

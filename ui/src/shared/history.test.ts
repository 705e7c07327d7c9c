import { describe, expect, it } from 'vitest';
import i18next from './i18n';
import { changeValueText } from './history';

describe('change log values are shown in the current language', () => {
  const t = i18next.getFixedT('en');

  it('translates enum-like fields', () => {
    expect(changeValueText(t, 'kind', 'person')).toBe('Person');
    expect(changeValueText(t, 'preferred_language', 'zh-CN')).toBe('Chinese (Simplified)');
    expect(changeValueText(t, 'vip', 'true')).toBe('Yes');
    expect(changeValueText(t, 'vip', 'false')).toBe('No');
    expect(changeValueText(t, 'id_document_kind', 'resident_id')).toBe('Resident ID card');
    expect(changeValueText(t, 'use_kind', 'shop')).toBe('Shop');
    expect(changeValueText(t, 'status', 'for_rent')).toBe('For rent');
  });

  it('translates the role inside an occupancy entry', () => {
    expect(changeValueText(t, 'occupancy', 'A座 1203 · owner · 2025-03-01–')).toBe('A座 1203 · Owner · 2025-03-01–');
    expect(changeValueText(t, 'occupancy', 'A座 1203 · tenant · 2025-03-01–2025-06-30')).toBe(
      'A座 1203 · Tenant · 2025-03-01–2025-06-30',
    );
  });

  it('leaves unknown and free-text values alone', () => {
    expect(changeValueText(t, 'kind', 'robot')).toBe('robot');
    expect(changeValueText(t, 'vip', 'maybe')).toBe('maybe');
    expect(changeValueText(t, 'occupancy', 'something else')).toBe('something else');
    expect(changeValueText(t, 'occupancy', 'A座 1203 · landlord · 2025-03-01–')).toBe('A座 1203 · landlord · 2025-03-01–');
    expect(changeValueText(t, 'name', 'person')).toBe('person');
  });
});

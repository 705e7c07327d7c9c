import { Select, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, Permission } from '../../lib/backend';
import { useCommand } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { DEPARTMENTS } from '../../shared/options';
import { useDebounced } from './CustomerFinder';
import type { Actor } from './caseActions';

/** Departments that take work orders (not the office's management or the desk itself). */
export const WORK_DEPARTMENTS = DEPARTMENTS.filter(
  (d) => d !== 'management' && d !== 'customer_service' && d !== 'leasing',
) as readonly Department[];

/** The signed-in person as the action rules see them, and a permission check for desk permissions. */
export function useActor(): { actor: Actor; may: (permission: Permission) => boolean } {
  const { me, can } = useSession();
  return { actor: { id: me.id, role: me.role, department: me.department }, may: can };
}

type StaffSelectProps = Omit<SelectProps<number>, 'options' | 'onSearch'> & {
  department?: Department | null;
  testId?: string;
  /** A foreign-language case's language: its speakers come first, with their level. */
  language?: string | null;
};

/** Chinese in any variant is the office's own language; anything else is foreign. */
export const isForeignLanguage = (language: string | null | undefined) => Boolean(language) && !language!.toLowerCase().startsWith('zh');

/** An active colleague by name (the core's staff look-up, open to every role, searched as you type). */
export function StaffSelect({ department, testId, language, ...rest }: StaffSelectProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 200);
  const staff = useCommand('staff_lookup', {
    search: search || null,
    department: department ?? null,
    page: 1,
    page_size: 50,
  });
  const foreign = isForeignLanguage(language);
  const speakers = useCommand('desk_speakers', { language: language ?? '', department: department ?? null }, { enabled: foreign });
  const option = (id: number, username: string, label: string) => ({
    value: id,
    label,
    'data-testid': testId ? `${testId}-option-${username}` : undefined,
  });
  const plain = (staff.data?.items ?? []).map((s) => option(s.id, s.username, `${s.display_name} · ${t(`enum.department.${s.department}`)}`));
  const found = search.toLowerCase();
  const speaking = foreign
    ? (speakers.data ?? [])
        .filter((s) => !found || s.display_name.toLowerCase().includes(found) || s.username.includes(found))
        .map((s) =>
          option(
            s.staff_id,
            s.username,
            `${s.display_name} · ${t(`enum.department.${s.department}`)} · ${t(`language.${language}`, { defaultValue: language })} ${t(`enum.language_level.${s.level}`)}`,
          ),
        )
    : [];
  const options = foreign
    ? [
        { label: t('desk.routing.speakers_of', { language: t(`language.${language}`, { defaultValue: language }) }), options: speaking },
        { label: t('desk.routing.others'), options: plain.filter((o) => !speaking.some((s) => s.value === o.value)) },
      ]
    : plain;
  return (
    <Select<number>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      data-testid={testId}
      loading={staff.isFetching || (foreign && speakers.isFetching)}
      notFoundContent={staff.isError ? t(`error.${staff.error.code}`) : t('common.no_results')}
      options={options}
    />
  );
}

/** Outside suppliers that are active. */
export function SupplierSelect({ testId, ...rest }: Omit<SelectProps<number>, 'options'> & { testId?: string }) {
  const suppliers = useCommand('supplier_list', { include_inactive: false });
  return (
    <Select<number>
      {...rest}
      allowClear
      data-testid={testId}
      showSearch={{ optionFilterProp: 'label' }}
      options={(suppliers.data ?? []).map((s) => ({
        value: s.id,
        label: s.trade ? `${s.name} · ${s.trade}` : s.name,
        'data-testid': testId ? `${testId}-option-${s.id}` : undefined,
      }))}
    />
  );
}

/** Reads a File as base64 (standard alphabet, padded): what attachment_add takes. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Opens a downloaded attachment (a blob link, clicked). */
export function openBase64(fileName: string, mime: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime || 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.target = '_blank';
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A byte count for people: "2.4 MB". */
export function formatBytes(size: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], maximumFractionDigits: 1, unitDisplay: 'short' }).format(value);
}

import { useState } from 'react';
import { Alert, Badge, Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Radio, Select, Space, Spin, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, isApiError, VOCABULARIES, type ApiError, type NoticeAudience, type NoticeDetail, type NoticeInput, type NoticeKind } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { useLanguageName, useNoticeLanguages } from './common';

type TextValues = { title: string; body: string };
type Values = {
  kind: NoticeKind;
  default_language: string;
  event_date: Dayjs | null;
  event_end: Dayjs | null;
  audience: NoticeAudience;
  building_id: number | null;
  floor_from: number | null;
  floor_to: number | null;
  unit_ids: number[];
  texts: TextValues[];
};

const PLACEHOLDERS = ['unit', 'date', 'name'] as const;

const filled = (text: TextValues | undefined) => Boolean(text?.title?.trim() || text?.body?.trim());

/** The core numbers the texts it was sent ("texts.1.body"); the form has one per language. */
function renumberTexts(error: ApiError, formIndex: number[]): ApiError {
  if (!error.fields) return error;
  const fields: Record<string, string> = {};
  for (const [name, key] of Object.entries(error.fields)) {
    const m = /^texts\.(\d+)\.(.*)$/.exec(name);
    fields[m && formIndex[Number(m[1])] !== undefined ? `texts.${formIndex[Number(m[1])]}.${m[2]}` : name] = key;
  }
  return { ...error, fields };
}

/** Writes a notice or changes a draft: kind, date, audience, and a title and body per language. */
export function NoticeEditor({ detail, onClose, onSaved }: { detail: NoticeDetail | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const languages = useNoticeLanguages();
  return (
    <Drawer
      open
      size={780}
      title={detail ? t('notices.edit_title') : t('notices.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="notice-editor"
      footer={null}
    >
      {languages.length === 0 ? <Spin /> : <NoticeForm detail={detail} languages={languages} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function NoticeForm({
  detail,
  languages,
  onClose,
  onSaved,
}: {
  detail: NoticeDetail | null;
  languages: string[];
  onClose: () => void;
  onSaved: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const cache = useCommandCache();
  const languageName = useLanguageName();
  const buildings = useCommand('building_list', null);
  const [tab, setTab] = useState(languages[0]);
  const command = useCommandForm<Values, NoticeDetail>({
    submit: async (v) => {
      const formIndex: number[] = [];
      const texts = (v.texts ?? []).flatMap((x, i) => {
        if (!filled(x)) return [];
        formIndex.push(i);
        return [{ language: languages[i], title: x.title?.trim() ?? '', body: x.body ?? '' }];
      });
      const notice: NoticeInput = {
        kind: v.kind,
        default_language: v.default_language,
        event_date: v.event_date ? v.event_date.format('YYYY-MM-DD') : null,
        event_end: v.event_end ? v.event_end.format('YYYY-MM-DD') : null,
        audience: v.audience,
        building_id: v.audience === 'building' || v.audience === 'floors' ? (v.building_id ?? null) : null,
        floor_from: v.audience === 'floors' ? (v.floor_from ?? null) : null,
        floor_to: v.audience === 'floors' ? (v.floor_to ?? null) : null,
        unit_ids: v.audience === 'units' ? (v.unit_ids ?? []) : [],
        texts,
      };
      try {
        if (detail) return await call('notice_edit', { id: detail.row.id, version: detail.row.version, notice });
        return await call('notice_create', notice);
      } catch (e) {
        throw isApiError(e) ? renumberTexts(e, formIndex) : e;
      }
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('notice_list');
      await cache.invalidate('notice_get');
      onSaved(saved.row.id);
    },
  });
  const { form } = command;
  const initialTexts = languages.map((language) => {
    const text = detail?.texts.find((x) => x.language === language);
    return { title: text?.title ?? '', body: text?.body ?? '' };
  });
  const texts = (Form.useWatch('texts', form) as TextValues[] | undefined) ?? initialTexts;
  const audience = (Form.useWatch('audience', form) as NoticeAudience | undefined) ?? detail?.row.audience ?? 'building';
  const eventDate = Form.useWatch('event_date', form) as Dayjs | null | undefined;
  const eventEnd = Form.useWatch('event_end', form) as Dayjs | null | undefined;
  const missing = languages.filter((_, i) => !filled(texts[i]));

  const insert = (i: number, name: string) => {
    const body = (form.getFieldValue(['texts', i, 'body']) as string | undefined) ?? '';
    form.setFieldValue(['texts', i, 'body'], `${body}{${name}}`);
  };

  /** The text as a recipient reads it, with sample values for the placeholders. */
  const preview = (text: string, language: string) => {
    const from = eventDate ? formatDate(eventDate.format('YYYY-MM-DD'), language) : '';
    const to = eventEnd && eventDate && !eventEnd.isSame(eventDate, 'day') ? formatDate(eventEnd.format('YYYY-MM-DD'), language) : '';
    return text
      .replaceAll('{unit}', t('notices.sample_unit'))
      .replaceAll('{date}', to ? `${from} – ${to}` : from || '{date}')
      .replaceAll('{name}', t('notices.sample_name'));
  };

  return (
    <>
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{
          kind: detail?.row.kind ?? 'water_cut',
          default_language: detail?.row.default_language ?? (languages.includes(i18n.language) ? i18n.language : languages[0]),
          event_date: detail?.row.event_date ? dayjs(detail.row.event_date) : null,
          event_end: detail?.row.event_end ? dayjs(detail.row.event_end) : null,
          audience: detail?.row.audience ?? 'building',
          building_id: detail?.row.building_id ?? null,
          floor_from: detail?.row.floor_from ?? null,
          floor_to: detail?.row.floor_to ?? null,
          unit_ids: detail?.units.map((u) => u.unit_id) ?? [],
          texts: initialTexts,
        }}
        data-testid="notice-form"
      >
        <Space size="middle" wrap align="start">
          <Form.Item name="kind" label={t('notices.kind')} required>
            <Select options={enumOptions(t, 'notice_kind', VOCABULARIES.notice_kind, 'notice-kind')} style={{ width: 200 }} data-testid="notice-kind" />
          </Form.Item>
          <Form.Item name="event_date" label={t('notices.event_date')} extra={t('notices.event_date_hint')}>
            <DatePicker data-testid="notice-date" />
          </Form.Item>
          <Form.Item name="event_end" label={t('notices.event_end')}>
            <DatePicker data-testid="notice-date-end" />
          </Form.Item>
        </Space>
        <Form.Item name="audience" label={t('notices.audience')} required>
          <Radio.Group
            optionType="button"
            options={VOCABULARIES.notice_audience.map((a) => ({
              value: a,
              label: <span data-testid={`notice-audience-${a}`}>{t(`enum.notice_audience.${a}`)}</span>,
            }))}
          />
        </Form.Item>
        {audience === 'building' || audience === 'floors' ? (
          <Space size="middle" wrap align="start">
            <Form.Item name="building_id" label={t('notices.building')} required>
              <Select<number>
                style={{ width: 200 }}
                loading={buildings.isLoading}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name, 'data-testid': `notice-building-${b.id}` }))}
                data-testid="notice-building"
              />
            </Form.Item>
            {audience === 'floors' ? (
              <>
                <Form.Item name="floor_from" label={t('notices.floor_from')} required>
                  <InputNumber min={-10} max={200} style={{ width: 110 }} data-testid="notice-floor-from" />
                </Form.Item>
                <Form.Item name="floor_to" label={t('notices.floor_to')} required>
                  <InputNumber min={-10} max={200} style={{ width: 110 }} data-testid="notice-floor-to" />
                </Form.Item>
              </>
            ) : null}
          </Space>
        ) : null}
        {audience === 'units' ? (
          <Form.Item name="unit_ids" label={t('notices.units')} required>
            <UnitsSelect known={detail?.units.map((u) => ({ value: u.unit_id, label: u.unit_label })) ?? []} />
          </Form.Item>
        ) : null}
        <Typography.Title level={5}>{t('notices.texts')}</Typography.Title>
        {missing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="notice-missing"
            title={t('notices.missing', { languages: missing.map(languageName).join(t('notices.list_separator')) })}
          />
        ) : null}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={languages.map((language, i) => ({
            key: language,
            forceRender: true,
            label: (
              <span data-testid={`notice-tab-${language}`}>
                <span data-testid={filled(texts[i]) ? `notice-written-${language}` : `notice-missing-${language}`} title={filled(texts[i]) ? undefined : t('notices.text_missing')}>
                  <Badge status={filled(texts[i]) ? 'success' : 'warning'} text={languageName(language)} />
                </span>
              </span>
            ),
            children: (
              <>
                <Form.Item name={['texts', i, 'title']} label={t('notices.title')}>
                  <Input data-testid={`notice-title-${language}`} />
                </Form.Item>
                <Form.Item
                  name={['texts', i, 'body']}
                  label={t('notices.body')}
                  extra={
                    <Space size={4} wrap>
                      {t('notices.placeholders')}
                      {PLACEHOLDERS.map((p) => (
                        <Button key={p} size="small" onClick={() => insert(i, p)} data-testid={`notice-insert-${p}-${language}`}>
                          {`{${p}}`} {t(`notices.placeholder.${p}`)}
                        </Button>
                      ))}
                    </Space>
                  }
                >
                  <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid={`notice-body-${language}`} />
                </Form.Item>
                {filled(texts[i]) ? (
                  <Card size="small" title={t('notices.preview', { language: languageName(language) })} data-testid={`notice-preview-${language}`}>
                    <Typography.Title level={5} style={{ marginTop: 0 }}>
                      {preview(texts[i]?.title ?? '', language)}
                    </Typography.Title>
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{preview(texts[i]?.body ?? '', language)}</Typography.Paragraph>
                  </Card>
                ) : null}
              </>
            ),
          }))}
        />
        <Form.Item name="default_language" label={t('notices.default_language')} extra={t('notices.default_language_hint')} required>
          <Select
            style={{ width: 200 }}
            options={languages.map((l) => ({ value: l, label: languageName(l), 'data-testid': `notice-default-${l}` }))}
            data-testid="notice-default-language"
          />
        </Form.Item>
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {/* Not a submit button: Enter in a field (a date just typed) must not save. */}
          <Button type="primary" loading={command.busy} onClick={() => form.submit()} data-testid="notice-save">
            {t('common.save')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

type Option = { value: number; label: string };

/** Several units, found by number. */
function UnitsSelect({ value, onChange, known }: { value?: number[]; onChange?: (ids: number[]) => void; known: Option[] }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [seen, setSeen] = useState<Option[]>(known);
  const units = useCommand('unit_list', { building_id: null, floor: null, use_kind: null, status: null, search: search.trim() || null, page: 1, page_size: 20 });
  const found: Option[] = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.building_name} ${u.number}` }));
  const options = [...seen.filter((o) => (value ?? []).includes(o.value) && !found.some((f) => f.value === o.value)), ...found];
  return (
    <Select<number[]>
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? []}
      onChange={(ids) => {
        setSeen((s) => [...s, ...found.filter((f) => ids.includes(f.value) && !s.some((x) => x.value === f.value))]);
        onChange?.(ids);
      }}
      placeholder={t('notices.units_search')}
      style={{ width: '100%' }}
      options={options.map((o) => ({ ...o, 'data-testid': `notice-unit-option-${o.value}` }))}
      data-testid="notice-units"
    />
  );
}

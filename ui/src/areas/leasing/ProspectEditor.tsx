import { Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, VOCABULARIES, type ListingFeature, type ProspectDetail, type ProspectInput, type ProspectSource } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandCache, useCommandForm } from '../../shared/hooks';
import { enumOptions, languageOptions } from '../../shared/options';
import { useAgencyOptions } from './common';
import { useOfficeCurrency } from './useLeasingMoney';

type Values = {
  name: string;
  company: string;
  phone: string;
  email: string;
  preferred_language: string;
  nationality: string;
  budget_min: string;
  budget_max: string;
  rooms_min: number | null;
  area_min: string;
  move_in: Dayjs | null;
  term_months: number | null;
  must_haves: ListingFeature[];
  source: ProspectSource;
  agency_id: number | null;
  notes: string;
  active: boolean;
};

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Registers a prospective tenant or changes one: contact, language, needs and where they came from. */
export function ProspectEditor({ detail, onClose, onSaved }: { detail: ProspectDetail | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const currency = useOfficeCurrency();
  const cache = useCommandCache();
  const agencies = useAgencyOptions();
  const command = useCommandForm<Values, ProspectDetail>({
    submit: (v) => {
      const prospect: ProspectInput = {
        name: v.name?.trim() ?? '',
        company: v.company?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        email: v.email?.trim() ?? '',
        preferred_language: v.preferred_language,
        nationality: blank(v.nationality)?.toUpperCase() ?? null,
        budget_min: blank(v.budget_min),
        budget_max: blank(v.budget_max),
        rooms_min: v.rooms_min ?? null,
        area_min: blank(v.area_min),
        move_in: v.move_in ? v.move_in.format('YYYY-MM-DD') : null,
        term_months: v.term_months ?? null,
        must_haves: v.must_haves ?? [],
        source: v.source,
        agency_id: v.source === 'agency' ? (v.agency_id ?? null) : null,
        notes: v.notes ?? '',
        active: v.active ?? true,
      };
      if (detail) return call('prospect_edit', { id: detail.row.id, version: detail.row.version, prospect });
      return call('prospect_create', prospect);
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('prospect_list');
      await cache.invalidate('prospect_get');
      await cache.invalidate('match_for_prospect');
      await cache.invalidate('match_for_listing');
      onSaved(saved.row.id);
    },
  });
  const { form } = command;
  const source = Form.useWatch('source', form) ?? detail?.row.source ?? 'walk_in';
  const r = detail?.row;
  return (
    <Drawer
      open
      size={640}
      title={detail ? t('leasing.prospect.edit_title', { name: detail.row.name }) : t('leasing.prospect.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="prospect-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={command.busy} data-testid="prospect-save" onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{
          name: r?.name ?? '',
          company: r?.company ?? '',
          phone: r?.phone ?? '',
          email: r?.email ?? '',
          preferred_language: r?.preferred_language ?? 'en',
          nationality: r?.nationality ?? '',
          budget_min: r?.budget_min ?? '',
          budget_max: r?.budget_max ?? '',
          rooms_min: r?.rooms_min ?? null,
          area_min: r?.area_min ?? '',
          move_in: r?.move_in ? dayjs(r.move_in) : null,
          term_months: r?.term_months ?? null,
          must_haves: r?.must_haves ?? [],
          source: r?.source ?? 'walk_in',
          agency_id: r?.agency_id ?? null,
          notes: detail?.notes ?? '',
          active: r?.active ?? true,
        }}
        data-testid="prospect-form"
      >
        <Space size="middle" wrap align="start">
          <Form.Item name="name" label={t('leasing.prospect.name')} required>
            <Input style={{ width: 240 }} data-testid="prospect-name" />
          </Form.Item>
          <Form.Item name="company" label={t('leasing.prospect.company')}>
            <Input style={{ width: 240 }} data-testid="prospect-company" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="phone" label={t('leasing.prospect.phone')}>
            <Input style={{ width: 200 }} data-testid="prospect-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('leasing.prospect.email')}>
            <Input style={{ width: 240 }} data-testid="prospect-email" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="preferred_language" label={t('leasing.prospect.language')} required>
            <Select
              style={{ minWidth: 160 }}
              options={languageOptions(t).map((o) => ({ ...o, 'data-testid': `prospect-language-${o.value}` }))}
              data-testid="prospect-language"
            />
          </Form.Item>
          <Form.Item name="nationality" label={t('leasing.prospect.nationality')} extra={t('leasing.prospect.nationality_hint')}>
            <Input style={{ width: 100 }} maxLength={2} data-testid="prospect-nationality" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="budget_min" label={t('leasing.prospect.budget_min')}>
            <Input inputMode="decimal" style={{ width: 150 }} suffix={currency} data-testid="prospect-budget-min" />
          </Form.Item>
          <Form.Item name="budget_max" label={t('leasing.prospect.budget_max')}>
            <Input inputMode="decimal" style={{ width: 150 }} suffix={currency} data-testid="prospect-budget-max" />
          </Form.Item>
          <Form.Item name="rooms_min" label={t('leasing.prospect.rooms')}>
            <InputNumber min={0} max={50} style={{ width: 100 }} data-testid="prospect-rooms" />
          </Form.Item>
          <Form.Item name="area_min" label={t('leasing.prospect.area')}>
            <Input inputMode="decimal" style={{ width: 110 }} suffix="m²" data-testid="prospect-area" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="move_in" label={t('leasing.prospect.move_in')}>
            <DatePicker data-testid="prospect-move-in" />
          </Form.Item>
          <Form.Item name="term_months" label={t('leasing.prospect.term')}>
            <InputNumber min={0} max={240} style={{ width: 120 }} data-testid="prospect-term" />
          </Form.Item>
        </Space>
        <Form.Item name="must_haves" label={t('leasing.prospect.must_haves')}>
          <Checkbox.Group>
            {VOCABULARIES.listing_feature.map((f) => (
              <Checkbox key={f} value={f} data-testid={`prospect-must-${f}`}>
                {t(`enum.listing_feature.${f}`)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Space size="middle" wrap align="start">
          <Form.Item name="source" label={t('leasing.prospect.source')}>
            <Select style={{ minWidth: 180 }} options={enumOptions(t, 'prospect_source', VOCABULARIES.prospect_source, 'prospect-source')} data-testid="prospect-source" />
          </Form.Item>
          {source === 'agency' ? (
            <Form.Item name="agency_id" label={t('leasing.prospect.agency')}>
              <Select allowClear style={{ minWidth: 220 }} options={agencies} data-testid="prospect-agency" />
            </Form.Item>
          ) : null}
          {detail ? (
            <Form.Item name="active" label={t('leasing.prospect.active')} valuePropName="checked">
              <Switch data-testid="prospect-active" />
            </Form.Item>
          ) : null}
        </Space>
        <Form.Item name="notes" label={t('leasing.prospect.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="prospect-notes" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

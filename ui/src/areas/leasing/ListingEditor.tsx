import { useState } from 'react';
import { Badge, Button, Checkbox, DatePicker, Drawer, Form, Input, InputNumber, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, isApiError, type ApiError, type ListingDetail, type ListingInput } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandCache, useCommandForm } from '../../shared/hooks';
import { SERVICE_LANGUAGES } from '../../shared/options';
import { CustomerSelect, UnitSelect } from './common';
import { useOfficeCurrency } from './useLeasingMoney';

type TextValues = { title: string; description: string };
type Values = {
  unit_id: number | null;
  owner_id: number | null;
  asking_rent: string;
  deposit_months: number | null;
  deposit_terms: string;
  available_from: Dayjs | null;
  min_term_months: number | null;
  rooms: number | null;
  furnished: boolean;
  pets: boolean;
  parking: boolean;
  notes: string;
  texts: TextValues[];
};

function formTexts(detail: ListingDetail | null): TextValues[] {
  return SERVICE_LANGUAGES.map((language) => {
    const text = detail?.texts.find((x) => x.language === language);
    return { title: text?.title ?? '', description: text?.description ?? '' };
  });
}

const filled = (text: TextValues | undefined) => Boolean(text?.title?.trim() || text?.description?.trim());

/**
 * The core numbers the texts it was sent ("texts.1.title"); the form has one per language.
 * Renumbers the field errors to the form's languages.
 */
function renumberTexts(error: ApiError, formIndex: number[]): ApiError {
  if (!error.fields) return error;
  const fields: Record<string, string> = {};
  for (const [name, key] of Object.entries(error.fields)) {
    const m = /^texts\.(\d+)\.(.*)$/.exec(name);
    fields[m && formIndex[Number(m[1])] !== undefined ? `texts.${formIndex[Number(m[1])]}.${m[2]}` : name] = key;
  }
  return { ...error, fields };
}

/** Lists a unit for rent, or changes a listing: the facts and a title and description per language. */
export function ListingEditor({ detail, onClose, onSaved }: { detail: ListingDetail | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const currency = useOfficeCurrency();
  const cache = useCommandCache();
  const [ownerKnown, setOwnerKnown] = useState(detail ? { value: detail.row.owner_id, label: detail.row.owner_name } : null);
  const command = useCommandForm<Values, ListingDetail>({
    submit: async (v) => {
      const formIndex: number[] = [];
      const texts = (v.texts ?? []).flatMap((x, i) => {
        if (!filled(x)) return [];
        formIndex.push(i);
        return [{ language: SERVICE_LANGUAGES[i], title: x.title?.trim() ?? '', description: x.description ?? '' }];
      });
      const listing: ListingInput = {
        unit_id: v.unit_id ?? 0,
        owner_id: v.owner_id ?? 0,
        asking_rent: v.asking_rent?.trim() ?? '',
        deposit_months: v.deposit_months ?? 0,
        deposit_terms: v.deposit_terms ?? '',
        available_from: v.available_from ? v.available_from.format('YYYY-MM-DD') : '',
        min_term_months: v.min_term_months ?? 0,
        rooms: v.rooms ?? 0,
        furnished: Boolean(v.furnished),
        pets: Boolean(v.pets),
        parking: Boolean(v.parking),
        notes: v.notes ?? '',
        texts,
      };
      try {
        if (detail) return await call('listing_edit', { id: detail.row.id, version: detail.row.version, listing });
        return await call('listing_create', { listing, status: 'draft' });
      } catch (e) {
        throw isApiError(e) ? renumberTexts(e, formIndex) : e;
      }
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('listing_list');
      await cache.invalidate('listing_get');
      await cache.invalidate('match_for_listing');
      await cache.invalidate('match_for_prospect');
      onSaved(saved.row.id);
    },
  });
  const { form } = command;
  const texts = (Form.useWatch('texts', form) as TextValues[] | undefined) ?? formTexts(detail);

  /** A new listing's owner is the unit's owner, when the unit has one. */
  const unitChosen = async (unitId: number | null) => {
    if (detail || unitId === null || form.getFieldValue('owner_id')) return;
    try {
      const unit = await call('unit_get', { id: unitId });
      const owner = unit.occupancies.find((o) => o.current && o.role === 'owner');
      if (owner && !form.getFieldValue('owner_id')) {
        setOwnerKnown({ value: owner.customer_id, label: owner.customer_name });
        form.setFieldValue('owner_id', owner.customer_id);
      }
    } catch {
      // No owner to offer: the user picks one.
    }
  };

  return (
    <Drawer
      open
      size={720}
      title={detail ? t('leasing.listing.edit_title', { unit: detail.row.unit_label }) : t('leasing.listing.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="listing-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={command.busy} data-testid="listing-save" onClick={() => form.submit()}>
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
          unit_id: detail?.row.unit_id ?? null,
          owner_id: detail?.row.owner_id ?? null,
          asking_rent: detail?.row.asking_rent ?? '',
          deposit_months: detail?.deposit_months ?? 2,
          deposit_terms: detail?.deposit_terms ?? '',
          available_from: detail ? dayjs(detail.row.available_from) : null,
          min_term_months: detail?.min_term_months ?? 12,
          rooms: detail?.row.rooms ?? 1,
          furnished: detail?.row.furnished ?? false,
          pets: detail?.row.pets ?? false,
          parking: detail?.row.parking ?? false,
          notes: detail?.notes ?? '',
          texts: formTexts(detail),
        }}
        data-testid="listing-form"
      >
        <Space size="middle" wrap align="start">
          <Form.Item name="unit_id" label={t('leasing.listing.unit')} required>
            {detail ? (
              <UnitSelect known={{ value: detail.row.unit_id, label: detail.row.unit_label }} testId="listing-unit" />
            ) : (
              <UnitSelect testId="listing-unit" onChange={(id) => void unitChosen(id)} />
            )}
          </Form.Item>
          <Form.Item name="owner_id" label={t('leasing.listing.owner')} required extra={detail ? null : t('leasing.listing.owner_hint')}>
            <CustomerSelect known={ownerKnown} testId="listing-owner" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="asking_rent" label={t('leasing.listing.asking_rent')} required>
            <Input inputMode="decimal" style={{ width: 160 }} suffix={currency} data-testid="listing-rent" />
          </Form.Item>
          <Form.Item name="deposit_months" label={t('leasing.listing.deposit_months')}>
            <InputNumber min={0} max={24} style={{ width: 120 }} data-testid="listing-deposit-months" />
          </Form.Item>
          <Form.Item name="available_from" label={t('leasing.listing.available_from')} required>
            <DatePicker data-testid="listing-available" />
          </Form.Item>
        </Space>
        <Form.Item name="deposit_terms" label={t('leasing.listing.deposit_terms')}>
          <Input placeholder={t('leasing.listing.deposit_terms_hint')} data-testid="listing-deposit" />
        </Form.Item>
        <Space size="middle" wrap align="start">
          <Form.Item name="min_term_months" label={t('leasing.listing.min_term')}>
            <InputNumber min={0} max={240} style={{ width: 120 }} data-testid="listing-min-term" />
          </Form.Item>
          <Form.Item name="rooms" label={t('leasing.listing.rooms')}>
            <InputNumber min={0} max={50} style={{ width: 100 }} data-testid="listing-rooms" />
          </Form.Item>
          <Form.Item name="furnished" valuePropName="checked" label=" ">
            <Checkbox data-testid="listing-furnished">{t('enum.listing_feature.furnished')}</Checkbox>
          </Form.Item>
          <Form.Item name="pets" valuePropName="checked" label=" ">
            <Checkbox data-testid="listing-pets">{t('enum.listing_feature.pets')}</Checkbox>
          </Form.Item>
          <Form.Item name="parking" valuePropName="checked" label=" ">
            <Checkbox data-testid="listing-parking">{t('enum.listing_feature.parking')}</Checkbox>
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('leasing.listing.texts')}</Typography.Title>
        <Tabs
          items={SERVICE_LANGUAGES.map((language, i) => ({
            key: language,
            forceRender: true,
            label: (
              <span data-testid={`listing-tab-${language}`}>
                <span
                  data-testid={filled(texts[i]) ? undefined : `listing-missing-${language}`}
                  title={filled(texts[i]) ? undefined : t('leasing.listing.text_missing')}
                >
                  <Badge dot={!filled(texts[i])} offset={[6, 0]}>
                    {t(`language.${language}`)}
                  </Badge>
                </span>
              </span>
            ),
            children: (
              <>
                <Form.Item name={['texts', i, 'title']} label={t('leasing.listing.text_title')}>
                  <Input data-testid={`listing-title-${language}`} />
                </Form.Item>
                <Form.Item name={['texts', i, 'description']} label={t('leasing.listing.text_description')}>
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid={`listing-description-${language}`} />
                </Form.Item>
              </>
            ),
          }))}
        />
        <Typography.Paragraph type="secondary">{t('leasing.listing.texts_hint')}</Typography.Paragraph>
        <Form.Item name="notes" label={t('leasing.listing.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="listing-notes" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

import { Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOfficeCurrency } from './useLeasingMoney';
import { call, VOCABULARIES, type AgencyDetail, type AgencyInput, type CommissionKind } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommandCache, useCommandForm } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';

type Values = Omit<AgencyInput, 'commission_kind'> & { commission_kind: CommissionKind };

/** A partner agency: its contacts and commission terms (a percentage of one month's rent, or a fixed sum). */
export function AgencyEditor({ detail, onClose, onSaved }: { detail: AgencyDetail | null; onClose: () => void; onSaved: (id: number) => void }) {
  const { t } = useTranslation();
  const currency = useOfficeCurrency();
  const cache = useCommandCache();
  const command = useCommandForm<Values, AgencyDetail>({
    submit: (v) => {
      const agency: AgencyInput = {
        name: v.name?.trim() ?? '',
        contacts: v.contacts?.trim() ?? '',
        phone: v.phone?.trim() ?? '',
        email: v.email?.trim() ?? '',
        commission_kind: v.commission_kind,
        commission_value: v.commission_value?.trim() ?? '',
        active: v.active ?? true,
        notes: v.notes ?? '',
      };
      if (detail) return call('agency_edit', { id: detail.row.id, version: detail.row.version, agency });
      return call('agency_create', agency);
    },
    successMessage: t('common.saved'),
    onSuccess: async (saved) => {
      await cache.invalidate('agency_list');
      await cache.invalidate('agency_get');
      onSaved(saved.row.id);
    },
  });
  const kind = Form.useWatch('commission_kind', command.form) ?? detail?.row.commission_kind ?? 'percent_of_rent';
  const r = detail?.row;
  return (
    <Drawer
      open
      size={560}
      title={detail ? t('leasing.agency.edit_title', { name: detail.row.name }) : t('leasing.agency.new')}
      onClose={onClose}
      destroyOnHidden
      data-testid="agency-editor"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={command.busy} data-testid="agency-save" onClick={() => command.form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{
          name: r?.name ?? '',
          contacts: r?.contacts ?? '',
          phone: r?.phone ?? '',
          email: r?.email ?? '',
          commission_kind: r?.commission_kind ?? 'percent_of_rent',
          commission_value: r?.commission_value ?? '',
          active: r?.active ?? true,
          notes: detail?.notes ?? '',
        }}
        data-testid="agency-form"
      >
        <Form.Item name="name" label={t('leasing.agency.name')} required>
          <Input data-testid="agency-name" />
        </Form.Item>
        <Form.Item name="contacts" label={t('leasing.agency.contacts')} extra={t('leasing.agency.contacts_hint')}>
          <Input data-testid="agency-contact" />
        </Form.Item>
        <Space size="middle" wrap align="start">
          <Form.Item name="phone" label={t('leasing.agency.phone')}>
            <Input style={{ width: 200 }} data-testid="agency-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('leasing.agency.email')}>
            <Input style={{ width: 240 }} data-testid="agency-email" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap align="start">
          <Form.Item name="commission_kind" label={t('leasing.agency.commission_kind')}>
            <Select style={{ minWidth: 200 }} options={enumOptions(t, 'commission_kind', VOCABULARIES.commission_kind, 'agency-commission-kind')} data-testid="agency-commission-kind" />
          </Form.Item>
          <Form.Item
            name="commission_value"
            label={kind === 'fixed' ? t('leasing.agency.commission_fixed') : t('leasing.agency.commission_percent')}
            required
          >
            <Input inputMode="decimal" style={{ width: 140 }} suffix={kind === 'fixed' ? currency : '%'} data-testid="agency-commission-value" />
          </Form.Item>
          <Form.Item name="active" label={t('leasing.agency.active')} valuePropName="checked">
            <Switch data-testid="agency-active" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('leasing.agency.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="agency-notes" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

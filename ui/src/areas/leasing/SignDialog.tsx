import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type ReferralDetail, type ReferralSign } from '../../lib/backend';
import { useCommandForm } from '../../shared/hooks';
import { refusalText } from './pipeline';

type Values = {
  starts_on: Dayjs | null;
  ends_on: Dayjs | null;
  monthly_rent: string;
  deposit: string;
  payment_day: number | null;
};

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

/** What the core's referral_sign takes, from the form and the versions the referral was read at. */
export function signInput(detail: ReferralDetail, values: Values): ReferralSign {
  return {
    id: detail.row.id,
    version: detail.row.version,
    listing_version: detail.listing_version,
    prospect_version: detail.prospect_version,
    starts_on: values.starts_on ? values.starts_on.format('YYYY-MM-DD') : '',
    ends_on: values.ends_on ? values.ends_on.format('YYYY-MM-DD') : '',
    monthly_rent: values.monthly_rent.trim(),
    deposit: values.deposit.trim(),
    payment_day: values.payment_day ?? 0,
  };
}

type Props = {
  detail: ReferralDetail;
  open: boolean;
  onClose: () => void;
  onSigned: (detail: ReferralDetail) => void;
  /** Reads the referral again (after "changed meanwhile"): the form keeps what was typed. */
  onReload?: () => void;
};

/**
 * Signing a referral at offer: the lease terms. The core writes the lease, the tenant, the
 * listing let and the commission at once, or nothing; a refusal stays on the form.
 */
export function SignDialog({ detail, open, onClose, onSigned, onReload }: Props) {
  const { t } = useTranslation();
  const submit = useCommandForm<Values, ReferralDetail>({
    submit: (values) => call('referral_sign', signInput(detail, values)),
    onSuccess: (result) => onSigned(result),
  });
  const { form, busy, error } = submit;
  const today = dayjs().startOf('day');
  const initial: Values = {
    starts_on: today,
    ends_on: today.add(1, 'year').subtract(1, 'day'),
    monthly_rent: detail.row.asking_rent,
    deposit: '',
    payment_day: today.date() > 28 ? 1 : today.date(),
  };
  const required = { required: true, message: t('validation.required') };
  const money = { pattern: MONEY, message: t('leasing.sign.money_format') };

  return (
    <Modal
      open={open}
      title={t('leasing.sign.title', { prospect: detail.row.prospect_name, unit: detail.row.unit_label })}
      onCancel={onClose}
      destroyOnHidden
      data-testid="sign-dialog"
      footer={[
        <Button key="cancel" onClick={onClose} data-testid="sign-cancel">
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} onClick={() => form.submit()} data-testid="sign-save">
          {t('leasing.sign.save')}
        </Button>,
      ]}
    >
      {error ? (
        <Alert
          type={error.code === 'conflict' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="sign-error"
          title={refusalText(error, t)}
          action={
            error.code === 'conflict' && onReload ? (
              <Button size="small" onClick={() => { submit.clearError(); onReload(); }} data-testid="sign-reload">
                {t('common.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={submit.onFinish}>
        <Form.Item name="starts_on" label={t('leasing.sign.starts_on')} rules={[required]}>
          <DatePicker style={{ width: '100%' }} data-testid="sign-start" />
        </Form.Item>
        <Form.Item
          name="ends_on"
          label={t('leasing.sign.ends_on')}
          dependencies={['starts_on']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null) => {
                const start = getFieldValue('starts_on') as Dayjs | null;
                return !value || !start || value.isAfter(start, 'day')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('leasing.sign.end_after_start')));
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="sign-end" />
        </Form.Item>
        <Form.Item name="monthly_rent" label={t('leasing.sign.monthly_rent')} rules={[required, money]}>
          <Input inputMode="decimal" data-testid="sign-rent" />
        </Form.Item>
        <Form.Item name="deposit" label={t('leasing.sign.deposit')} rules={[required, money]}>
          <Input inputMode="decimal" data-testid="sign-deposit" />
        </Form.Item>
        <Form.Item name="payment_day" label={t('leasing.sign.payment_day')} rules={[required]} extra={t('leasing.sign.payment_day_help')}>
          <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} data-testid="sign-payment-day" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

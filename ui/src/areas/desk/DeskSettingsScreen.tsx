import { useEffect } from 'react';
import { Button, Card, Form, InputNumber, Space, Spin, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import type { CaseKind, DeskSettingsView, DueTarget, Priority } from './api';
import { formatDuration } from './tags';
import { CASE_KINDS, PRIORITIES } from './vocab';

type Values = DeskSettingsView;

/** The manager's desk settings: due targets per type × priority, escalation delays, follow-up attempts. */
export function DeskSettingsScreen() {
  const { t, i18n } = useTranslation();
  const view = useCommand('desk_settings_get', null);
  const cache = useCommandCache();
  const command = useCommandForm<Values, DeskSettingsView>({
    submit: (values) => call('desk_settings_save', { version: view.data?.version ?? 0, targets: values.targets, settings: values.settings }),
    successMessage: t('common.saved'),
    onSuccess: (saved) => cache.set('desk_settings_get', null, saved),
  });
  const { form } = command;
  useEffect(() => {
    if (view.data) form.setFieldsValue(ordered(view.data));
  }, [view.data, form]);

  if (view.isPending) return <Spin />;
  if (view.isError) return <FormError error={view.error} />;
  const data = ordered(view.data);
  // Minutes as typed, and what they come to ("1 d") so 4320 reads as three days.
  const minutes = (name: (string | number)[], testId: string) => (
    <Space size={8}>
      <Form.Item name={name} noStyle rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={1} max={43_200} precision={0} style={{ width: 120 }} data-testid={testId} suffix={t('desk.settings.min')} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {() => {
          const value = Number(form.getFieldValue(name as never));
          return value >= 60 ? (
            <Typography.Text type="secondary" className="steward-nowrap">
              {formatDuration(t, i18n.language, value * 60_000)}
            </Typography.Text>
          ) : null;
        }}
      </Form.Item>
    </Space>
  );

  return (
    <Card
      title={t('nav.desk_settings')}
      data-testid="desk-settings-screen"
      extra={
        <Button type="primary" loading={command.busy} data-testid="desk-settings-save" onClick={() => form.submit()}>
          {t('common.save')}
        </Button>
      }
    >
      <FormError error={command.error} details={command.details} onReload={() => void view.refetch().then(() => command.clearError())} />
      <Form<Values> form={form} layout="vertical" onFinish={command.onFinish} initialValues={data}>
        <Typography.Title level={5}>{t('desk.settings.targets')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('desk.settings.targets_hint')}</Typography.Paragraph>
        <Table<DueTarget & { index: number }>
          size="small"
          pagination={false}
          rowKey={(row) => `${row.kind}-${row.priority}`}
          dataSource={data.targets.map((target, index) => ({ ...target, index }))}
          columns={[
            { title: t('desk.field.kind'), dataIndex: 'kind', render: (k: CaseKind) => t(`desk.kind.${k}`) },
            { title: t('desk.field.priority'), dataIndex: 'priority', render: (p: Priority) => t(`desk.priority.${p}`) },
            {
              title: t('desk.due.response'),
              key: 'response',
              render: (_, row) => minutes(['targets', row.index, 'response_minutes'], `target-${row.kind}-${row.priority}-response`),
            },
            {
              title: t('desk.due.completion'),
              key: 'completion',
              render: (_, row) => minutes(['targets', row.index, 'completion_minutes'], `target-${row.kind}-${row.priority}-completion`),
            },
          ]}
        />
        {data.targets.map((_, index) => (
          <span key={index} hidden>
            <Form.Item name={['targets', index, 'kind']} noStyle>
              <input type="hidden" />
            </Form.Item>
            <Form.Item name={['targets', index, 'priority']} noStyle>
              <input type="hidden" />
            </Form.Item>
          </span>
        ))}
        <Typography.Title level={5} style={{ marginTop: 24 }}>
          {t('desk.settings.escalation')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('desk.settings.escalation_hint')}</Typography.Paragraph>
        <Space size="large" wrap>
          <Form.Item name={['settings', 'delays', 'to_level_2']} label={t('desk.settings.to_level', { level: 2 })}>
            <InputNumber min={1} precision={0} suffix={t('desk.settings.min')} data-testid="delay-level-2" />
          </Form.Item>
          <Form.Item name={['settings', 'delays', 'to_level_3']} label={t('desk.settings.to_level', { level: 3 })}>
            <InputNumber min={1} precision={0} suffix={t('desk.settings.min')} data-testid="delay-level-3" />
          </Form.Item>
          <Form.Item name={['settings', 'delays', 'to_level_4']} label={t('desk.settings.to_level', { level: 4 })}>
            <InputNumber min={1} precision={0} suffix={t('desk.settings.min')} data-testid="delay-level-4" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('desk.settings.follow_up')}</Typography.Title>
        <Space size="large" wrap>
          <Form.Item name={['settings', 'unreachable_after']} label={t('desk.settings.unreachable_after')}>
            <InputNumber min={1} max={20} precision={0} data-testid="unreachable-after" />
          </Form.Item>
          <Form.Item name={['settings', 'follow_up_hours']} label={t('desk.settings.follow_up_hours')}>
            <InputNumber min={1} precision={0} suffix={t('desk.settings.hours')} data-testid="follow-up-hours" />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('desk.settings.languages')}</Typography.Title>
        <Form.Item
          name={['settings', 'require_speaker']}
          label={t('desk.settings.require_speaker')}
          extra={t('desk.settings.require_speaker_hint')}
          valuePropName="checked"
        >
          <Switch data-testid="require-speaker" />
        </Form.Item>
      </Form>
    </Card>
  );
}

/** Targets in the table's order: by type, then priority. */
function ordered(view: DeskSettingsView): DeskSettingsView {
  const rank = (target: DueTarget) => CASE_KINDS.indexOf(target.kind) * 10 + PRIORITIES.indexOf(target.priority);
  return { ...view, targets: [...view.targets].sort((a, b) => rank(a) - rank(b)) };
}

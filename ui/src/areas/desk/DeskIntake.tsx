import { App, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type CustomerRow } from '../../lib/backend';
import { useCommand, useCommandCache } from '../../shared/hooks';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { IntakeLauncher, type IntakeSubmit } from './IntakeForm';
import { StatusTag } from './tags';

/** Opens a case through the core; the page of the new case opens next. */
export const openCase: IntakeSubmit = async (values) => {
  const detail = await call('case_open', values);
  return { id: detail.case.id };
};

/** The customer's cases that are not closed, as links (shown in the intake as soon as the customer is picked). */
export function OpenCases({ customer }: { customer: Pick<CustomerRow, 'id'> }) {
  const { t } = useTranslation();
  const cases = useCommand('case_list', {
    search: null,
    kind: null,
    status: null,
    department: null,
    owner_id: null,
    building_id: null,
    customer_id: customer.id,
    unit_id: null,
    overdue: null,
    received_from: null,
    received_to: null,
    channel: null,
    language: null,
    page: 1,
    page_size: 20,
  });
  if (cases.isPending) return <Typography.Text type="secondary">{t('desk.intake.searching')}</Typography.Text>;
  const open = (cases.data?.items ?? []).filter((row) => row.status !== 'closed');
  if (!open.length) return <Typography.Text type="secondary">{t('desk.intake.no_open_cases')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      {open.map((row) => (
        <Space key={row.id} size={6} data-testid={`intake-open-case-${row.id}`}>
          <RouteLink to={{ name: 'case', params: { id: row.id } }}>{row.number}</RouteLink>
          <StatusTag status={row.status} />
          <Typography.Text ellipsis style={{ maxWidth: 300 }}>
            {row.title}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

/** The intake button and drawer of the shell header, with its shortcuts F2 and Ctrl+N / Cmd+N. */
export function DeskIntake() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cache = useCommandCache();
  return (
    <IntakeLauncher
      onSubmit={openCase}
      fieldPrefix="case"
      renderOpenCases={(customer) => <OpenCases customer={customer} />}
      onSaved={({ id }) => {
        void message.success(t('desk.intake.opened'));
        void cache.invalidate('case_list');
        void cache.invalidate('case_mine');
        void cache.invalidate('desk_badges');
        navigate({ name: 'case', params: { id } });
      }}
    />
  );
}

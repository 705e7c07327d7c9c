import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../shared/hooks';
import { LeaseTable } from './LeasingRemindersScreen';

/**
 * On an owner's customer page: the leases of their units not yet ended, those ending within
 * 90 days with their reminder (renew or list again). Nothing when the owner has none.
 */
export function OwnerLeasesCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const leases = useCommand('leases_of_owner', { customer_id: customerId, date: null });
  if (!leases.data || leases.data.leases.length === 0) return null;
  return (
    <Card title={t('leasing.reminder.owner_leases')} data-testid="owner-leases">
      <LeaseTable leases={leases.data.leases} testId="owner-leases-table" />
    </Card>
  );
}

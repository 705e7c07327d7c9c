import type { ReactNode } from 'react';
import { Shell } from './shared/layout/Shell';
import type { AppLocation, AppRouteName, LocationOf } from './shared/routes';
import { AuditScreen } from './areas/accounts/AuditScreen';
import { SettingsScreen } from './areas/accounts/SettingsScreen';
import { StaffScreen } from './areas/accounts/StaffScreen';
import { CustomerScreen } from './areas/directory/CustomerScreen';
import { CustomersScreen } from './areas/directory/CustomersScreen';
import { UnitsScreen } from './areas/directory/UnitsScreen';

/** The screen of every route (the compiler insists on one per route). */
const SCREENS: { [K in AppRouteName]: (location: LocationOf<K>) => ReactNode } = {
  customers: () => <CustomersScreen />,
  customer: ({ params }) => <CustomerScreen id={params.id} />,
  units: () => <UnitsScreen openId={null} />,
  unit: ({ params }) => <UnitsScreen openId={params.id} />,
  staff: () => <StaffScreen />,
  audit: () => <AuditScreen />,
  settings: () => <SettingsScreen />,
};

function screenFor(location: AppLocation): ReactNode {
  const render = SCREENS[location.name] as (location: AppLocation) => ReactNode;
  return render(location);
}

/** Everything after sign-in: the shell with the screen of the current route. */
export default function SignedInApp() {
  return <Shell>{screenFor}</Shell>;
}

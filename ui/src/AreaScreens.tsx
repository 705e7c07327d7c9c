import { Suspense, type ReactNode } from 'react';
import { Spin } from 'antd';
import { Shell } from './shared/layout/Shell';
import { DeskIntake } from './areas/desk/DeskIntake';
import { lazyScreen } from './shared/lazyScreen';
import type { AppLocation, AppRouteName, LocationOf } from './shared/routes';

const accounts = () => import('./areas/accounts');
const directory = () => import('./areas/directory');

const StaffScreen = lazyScreen(accounts, 'StaffScreen');
const AuditScreen = lazyScreen(accounts, 'AuditScreen');
const SettingsScreen = lazyScreen(accounts, 'SettingsScreen');
const CustomersScreen = lazyScreen(directory, 'CustomersScreen');
const CustomerScreen = lazyScreen(directory, 'CustomerScreen');
const UnitsScreen = lazyScreen(directory, 'UnitsScreen');

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
  return (
    <Suspense
      fallback={
        <div className="steward-loading">
          <Spin size="large" />
        </div>
      }
    >
      {render(location)}
    </Suspense>
  );
}

/** Everything after sign-in: the shell with the screen of the current route (loaded with its area). */
export default function SignedInApp() {
  return <Shell actions={<DeskIntake />}>{screenFor}</Shell>;
}

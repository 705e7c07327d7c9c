import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { href, type AppTo } from './routes';

type Props = { to: AppTo; children: ReactNode; testId?: string };

/** A link to a route of the table: a real hash link, so it makes a history entry like any navigation. */
export function RouteLink({ to, children, testId }: Props) {
  return (
    <Typography.Link href={href(to)} data-testid={testId}>
      {children}
    </Typography.Link>
  );
}

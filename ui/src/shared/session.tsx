import { createContext, useContext } from 'react';
import type { Me, Permission } from '../lib/backend';

export type Session = {
  me: Me;
  can: (permission: Permission) => boolean;
  signOut: () => Promise<void>;
  changeLocale: (code: string) => Promise<void>;
};

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in shell');
  return session;
}

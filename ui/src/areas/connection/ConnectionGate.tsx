import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, Spin, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { connectionStatus, inShell, onConnectionState, onServerChange, setSessionToken, type ConnectionStatus } from '../../lib/backend';
import { ConnectionContext, throttle } from '../../shared/connection';
import { StartupError } from './StartupError';

/** Asked for as the page loads, before the first render; taken by the first load only. */
let early: Promise<ConnectionStatus> | null = inShell() ? connectionStatus() : null;
early?.catch(() => undefined);

/** Change notices from the server: at most one refetch of what is on screen per this long. */
const REFRESH_MS = 300;

/** Calls `handler` on a shell event until unmounted (the listener arrives asynchronously). */
function useShellEvent<T>(subscribe: (handler: (payload: T) => void) => Promise<() => void>, handler: (payload: T) => void) {
  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    void subscribe(handler).then((unlisten) => {
      if (gone) unlisten();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [subscribe, handler]);
}

/**
 * Before anything else: is the desk's connection open? "Connecting…" while the shell opens
 * it, the start-up error screen when it could not, else the app — with a banner while the
 * office server does not answer, and lists refreshed when another desk changed data.
 * A changed connection starts the app over (signed out).
 */
export function ConnectionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [generation, setGeneration] = useState(0);
  const [noticeClosed, setNoticeClosed] = useState(false);
  // Kept out of the query cache: signing out clears that, and this must not flicker then.
  const [data, setData] = useState<ConnectionStatus | null>(null);
  const [known, setKnown] = useState(false);
  const connecting = data?.state === 'connecting';

  useEffect(() => {
    let gone = false;
    const load = () => {
      const asked = early ?? connectionStatus();
      early = null;
      return asked.then(
        (next) => !gone && setData(next),
        () => undefined,
      );
    };
    void load().finally(() => !gone && setKnown(true));
    // The shell also announces the outcome, but its event may come before the listener is in place.
    const poll = connecting ? setInterval(() => void load(), 500) : null;
    return () => {
      gone = true;
      if (poll) clearInterval(poll);
    };
  }, [connecting]);

  const setStatus = useCallback((next: ConnectionStatus) => setData(next), []);
  useShellEvent(onConnectionState, setStatus);

  const refresh = useMemo(
    () => throttle(() => void client.invalidateQueries(), REFRESH_MS),
    [client],
  );
  useShellEvent<void>(onServerChange, refresh);

  const changed = useCallback(
    (next: ConnectionStatus) => {
      setSessionToken(null);
      client.clear();
      setData(next);
      setGeneration((g) => g + 1);
    },
    [client],
  );

  const context = useMemo(() => ({ status: data, changed }), [data, changed]);

  if (!known || connecting) {
    return (
      <div className="steward-center" data-testid="connecting">
        <Spin size="large" />
        <Typography.Text type="secondary" style={{ marginLeft: 16 }}>
          {t('connection.connecting')}
        </Typography.Text>
      </div>
    );
  }
  if (data?.state === 'failed') return <StartupError status={data} onStatus={changed} />;

  // Outside the shell (tests) the status is unknown: the app decides by its own calls.
  const offline = data?.connection?.kind === 'server' && !data.online;
  return (
    <ConnectionContext.Provider value={context}>
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
        {offline && (
          <Alert banner type="warning" data-testid="offline-banner" title={t('connection.offline_banner')} />
        )}
        {data?.notice === 'direct_database_removed' && !noticeClosed && (
          <Alert
            banner
            type="info"
            closable={{ onClose: () => setNoticeClosed(true) }}
            data-testid="notice-direct-database"
            title={t('connection.notice_direct_database')}
          />
        )}
        <div key={generation} style={{ flex: 1, minHeight: 0 }}>
          {children}
        </div>
      </div>
    </ConnectionContext.Provider>
  );
}

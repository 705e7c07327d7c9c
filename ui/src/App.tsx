import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyLocale, nestCatalog, registerCatalogs, useAntdLocale } from './shared/i18n';
import {
  call,
  inShell,
  onUnauthenticated,
  reportUiReady,
  setSessionToken,
  toApiError,
  type LoginResult,
  type Me,
} from './lib/backend';
import { SessionContext, type Session } from './shared/session';
import { commandKey, useCommand } from './shared/hooks';
import { lazyScreen } from './shared/lazyScreen';
import { THEME } from './shared/theme';
import { useSessionLock } from './shared/useSessionLock';
import { ConnectionFooter, ConnectionGate } from './areas/connection';

// Only what the first screen needs is loaded up front; each area comes when first opened.
const signIn = () => import('./areas/accounts/signin');
const LoginScreen = lazyScreen(signIn, 'LoginScreen');
const SetupScreen = lazyScreen(signIn, 'SetupScreen');
// Its own small chunk, loaded the first time the session locks.
const LockScreen = lazyScreen(() => import('./areas/accounts/LockScreen'), 'LockScreen');
const SignedInApp = lazy(() => import('./AreaScreens'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 },
    mutations: { retry: false },
  },
});

// The first screen's questions and code are asked for as the page loads: waiting for the
// first render (antd's theme, the providers) cost the window 150 ms before its first screen.
if (inShell()) {
  void queryClient.prefetchQuery({ queryKey: commandKey('app_status', null), queryFn: () => call('app_status', null) });
  void queryClient.prefetchQuery({ queryKey: commandKey('locale_catalogs', null), queryFn: () => call('locale_catalogs', null) });
  void signIn();
}

export function App() {
  const locale = useAntdLocale();
  return (
    <ConfigProvider
      locale={locale}
      // Ant Design spaces out two-character labels ("保 存") as Chinese typography does; not in Japanese.
      button={{ autoInsertSpace: locale.locale.startsWith('zh') }}
      popupMatchSelectWidth={false}
      theme={THEME}
    >
      {/* Toasts below the 64 px header: at antd's default 8 px they cover "New case", the bell and Sign out. */}
      <AntApp style={{ height: '100%' }} message={{ top: 72 }}>
        <QueryClientProvider client={queryClient}>
          <ConnectionGate>
            <Root />
          </ConnectionGate>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  /** The session ended under the person (time limit, signed out elsewhere): the sign-in screen says so. */
  const [ended, setEnded] = useState(false);
  const lock = useSessionLock(me !== null);
  const localeChosen = useRef(false);
  const status = useCommand('app_status', null);
  // Languages dropped into the data folder as catalog files, beside the built-in ones.
  const dropped = useCommand('locale_catalogs', null);
  const [catalogsReady, setCatalogsReady] = useState(false);
  useEffect(() => {
    if (dropped.isPending) return;
    if (dropped.data?.length) registerCatalogs(Object.fromEntries(dropped.data.map((c) => [c.code, nestCatalog(c.texts)])));
    setCatalogsReady(true);
  }, [dropped.isPending, dropped.data]);

  // Before anyone signs in, the screens speak the computer's language.
  useEffect(() => {
    if (status.data && catalogsReady && !localeChosen.current) void applyLocale(status.data.os_locale);
  }, [status.data, catalogsReady]);

  useEffect(() => {
    onUnauthenticated(() => {
      setMe(null);
      setEnded(true);
      client.clear();
    });
    return () => onUnauthenticated(null);
  }, [client]);

  const chooseLocaleBeforeSignIn = useCallback((code: string) => {
    localeChosen.current = true;
    void applyLocale(code);
  }, []);

  const signedIn = useCallback(
    async (result: LoginResult) => {
      setSessionToken(result.token);
      localeChosen.current = true;
      let user = result.me;
      if (user.locale) {
        await applyLocale(user.locale);
      } else {
        // Remember the language this person picked on the sign-in screen.
        user = await call('set_my_locale', { locale: i18n.language }).catch(() => user);
      }
      client.removeQueries({ queryKey: commandKey('app_status') });
      setEnded(false);
      setMe(user);
    },
    [client, i18n],
  );

  const session = useMemo<Session | null>(() => {
    if (!me) return null;
    return {
      me,
      can: (permission) => me.permissions.includes(permission),
      signOut: async () => {
        await call('logout', null).catch(() => null);
        setSessionToken(null);
        setMe(null);
        client.clear();
      },
      changeLocale: async (code) => {
        await applyLocale(code);
        const updated = await call('set_my_locale', { locale: code }).catch((reason) => {
          void message.error(t(`error.${toApiError(reason).code}`));
          return null;
        });
        if (updated) setMe(updated);
      },
    };
  }, [me, client, message, t]);

  if (session && me) {
    return (
      <SessionContext.Provider value={session}>
        <Loading>
          <SignedInApp />
        </Loading>
        {lock.locked && (
          <Suspense fallback={null}>
            <LockScreen
              me={me}
              onUnlocked={(user: Me) => {
                lock.unlocked();
                setMe(user);
                // What failed while locked loads again; what loaded stays as it is.
                void client.refetchQueries({ predicate: (query) => query.state.status === 'error' });
              }}
              onSignOut={() => void session.signOut()}
            />
          </Suspense>
        )}
      </SessionContext.Provider>
    );
  }
  if (status.isPending || !catalogsReady) return <Centered />;
  if (status.isError) {
    return (
      <div className="steward-center">
        <Result status="error" title={t(`error.${status.error.code}`)} subTitle={status.error.message} />
      </div>
    );
  }
  if (status.data.needs_setup) {
    return (
      <Loading>
        <SetupScreen
          status={status.data}
          onLocale={chooseLocaleBeforeSignIn}
          onSignedIn={signedIn}
          onAlreadySetUp={() => void status.refetch()}
        />
        <ConnectionFooter canChange />
        <FirstScreenShown />
      </Loading>
    );
  }
  return (
    <Loading>
      <LoginScreen onLocale={chooseLocaleBeforeSignIn} onSignedIn={signedIn} notice={ended ? t('error.unauthenticated') : null} />
      <ConnectionFooter canChange={false} />
      <FirstScreenShown />
    </Loading>
  );
}

function Centered() {
  return (
    <div className="steward-center">
      <Spin size="large" />
    </div>
  );
}

/** A spinner while a screen's code loads. */
function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Centered />}>{children}</Suspense>;
}

/**
 * Rendered beside the first screen, inside its Suspense boundary, so it mounts when the
 * screen does; reports after the browser painted it (the frame, then the next task).
 */
function FirstScreenShown() {
  useEffect(() => {
    requestAnimationFrame(() => setTimeout(reportUiReady, 0));
  }, []);
  return null;
}

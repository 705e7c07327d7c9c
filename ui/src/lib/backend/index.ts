export * from './bindings';
export {
  call,
  isApiError,
  toApiError,
  setSessionToken,
  setSessionLocale,
  hasSessionToken,
  onUnauthenticated,
  onSessionLocked,
  markActivity,
  isActive,
} from './ipc';
export {
  saveDocument,
  advanceTestClock,
  installTestHooks,
  onDeskSwept,
  inShell,
  reportUiReady,
  TEST_CLOCK_MOVED_EVENT,
} from './shell';
export {
  connectionStatus,
  probeServer,
  chooseConnection,
  retryConnection,
  onConnectionState,
  onServerChange,
  type Connection,
  type ConnectionChoice,
  type ConnectionProblem,
  type ConnectionStatus,
  type ServerHello,
} from './connection';

export * from './bindings';
export { call, isApiError, toApiError, setSessionToken, setSessionLocale, hasSessionToken, onUnauthenticated } from './ipc';
export { saveDocument, advanceTestClock, installTestHooks, onDeskSwept } from './shell';
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

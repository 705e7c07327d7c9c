export * from './bindings';
export { call, isApiError, toApiError, setSessionToken, setSessionLocale, hasSessionToken, onUnauthenticated } from './ipc';
export { saveDocument, advanceTestClock, installTestHooks, onDeskSwept } from './shell';

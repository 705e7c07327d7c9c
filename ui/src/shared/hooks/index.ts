export { commandKey, type CommandInput, type CommandKey, type CommandName, type CommandOutput } from './commands';
export { useCommand, useCommandCache, type CommandCache, type CommandQueryOptions } from './useCommand';
export { useCommandForm, type CommandForm, type CommandFormOptions } from './useCommandForm';
export {
  usePagedList,
  type PagedCommandName,
  type PagedFilters,
  type PagedList,
  type PagedListOptions,
  type PagedRow,
} from './usePagedList';
export { matchesHotkey, useHotkey, type Hotkey } from './useHotkey';

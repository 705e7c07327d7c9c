import { useQuery, useQueryClient, type UseQueryOptions, type UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { call, type ApiError } from '../../lib/backend';
import { commandKey, type CommandInput, type CommandKey, type CommandName, type CommandOutput } from './commands';

export type CommandQueryOptions<K extends CommandName> = Omit<
  UseQueryOptions<CommandOutput<K>, ApiError, CommandOutput<K>, CommandKey<K>>,
  'queryKey' | 'queryFn'
>;

/** Runs a read command as a query keyed `[name, input]`; fails with an ApiError. */
export function useCommand<K extends CommandName>(
  name: K,
  input: CommandInput<K>,
  options?: CommandQueryOptions<K>,
): UseQueryResult<CommandOutput<K>, ApiError> {
  return useQuery<CommandOutput<K>, ApiError, CommandOutput<K>, CommandKey<K>>({
    ...options,
    queryKey: commandKey(name, input),
    queryFn: () => call(name, input),
  });
}

export type CommandCache = {
  /** Marks the results of a command stale (every input, or one). */
  invalidate: <K extends CommandName>(name: K, ...input: [CommandInput<K>] | []) => Promise<void>;
  /** Puts a fresh result in place, e.g. the record an update returned. */
  set: <K extends CommandName>(name: K, input: CommandInput<K>, data: CommandOutput<K>) => void;
};

/** Typed access to the cached command results, by the same `[name, input]` keys. */
export function useCommandCache(): CommandCache {
  const client = useQueryClient();
  return useMemo(
    () => ({
      invalidate: (name, ...input) =>
        client.invalidateQueries({ queryKey: input.length ? commandKey(name, input[0]) : commandKey(name) }),
      set: (name, input, data) => {
        client.setQueryData(commandKey(name, input), data);
      },
    }),
    [client],
  );
}

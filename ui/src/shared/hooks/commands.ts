import type { Commands } from '../../lib/backend';

/** Names, inputs and outputs of the backend commands, as `call` knows them. */
export type CommandName = keyof Commands;
export type CommandInput<K extends CommandName> = Commands[K]['input'];
export type CommandOutput<K extends CommandName> = Commands[K]['output'];

/** The TanStack Query key of a command call: always `[command, input]` (`[command]` matches every input). */
export type CommandKey<K extends CommandName> = readonly [K, CommandInput<K>];

export function commandKey<K extends CommandName>(name: K, input: CommandInput<K>): CommandKey<K>;
export function commandKey<K extends CommandName>(name: K): readonly [K];
export function commandKey<K extends CommandName>(name: K, ...input: [CommandInput<K>] | []): readonly unknown[] {
  return input.length ? [name, input[0]] : [name];
}

import { useCallback, useState } from 'react';
import { keepPreviousData, type UseQueryResult } from '@tanstack/react-query';
import type { TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError, Page } from '../../lib/backend';
import type { CommandInput, CommandName, CommandOutput } from './commands';
import { useCommand } from './useCommand';

type Paging = { page: number; page_size: number };

/** Commands that take a page and page size and answer a Page of rows. */
export type PagedCommandName = {
  [K in CommandName]: CommandInput<K> extends Paging ? (CommandOutput<K> extends Page<unknown> ? K : never) : never;
}[CommandName];

/** The input of a paged command without its paging: what the screen filters by. */
export type PagedFilters<K extends PagedCommandName> = Omit<CommandInput<K>, keyof Paging>;
export type PagedRow<K extends PagedCommandName> = CommandOutput<K> extends Page<infer Row> ? Row : never;

export type PagedListOptions = { pageSize?: number; enabled?: boolean; showSizeChanger?: boolean };

export type PagedList<K extends PagedCommandName> = {
  query: UseQueryResult<CommandOutput<K>, ApiError>;
  /** The command input: the filters plus page and page size. */
  input: CommandInput<K>;
  rows: PagedRow<K>[];
  total: number;
  page: number;
  pageSize: number;
  setPage: (page: number, pageSize?: number) => void;
  /** For antd's Table: rows, first-load spinner and pagination (the previous page stays while the next loads). */
  tableProps: {
    dataSource: PagedRow<K>[];
    loading: boolean;
    pagination: TablePaginationConfig;
  };
};

/**
 * A server-paged list: page and page size are kept here, the filters come from the screen
 * (any state it likes); a change of filters goes back to page 1.
 */
export function usePagedList<K extends PagedCommandName>(
  name: K,
  filters: PagedFilters<K>,
  options: PagedListOptions = {},
): PagedList<K> {
  const { t } = useTranslation();
  const filtersKey = JSON.stringify(filters);
  const [paging, setPaging] = useState({ filtersKey, page: 1, pageSize: options.pageSize ?? 20 });
  const page = paging.filtersKey === filtersKey ? paging.page : 1;
  const pageSize = paging.pageSize;
  const input = { ...filters, page, page_size: pageSize } as CommandInput<K>;
  const query = useCommand(name, input, { placeholderData: keepPreviousData, enabled: options.enabled });
  const data = query.data as Page<PagedRow<K>> | undefined;

  const setPage = useCallback(
    (next: number, nextSize?: number) =>
      setPaging((current) => ({ filtersKey, page: next, pageSize: nextSize ?? current.pageSize })),
    [filtersKey],
  );

  const rows = data?.items ?? [];
  const total = data?.total ?? 0;
  return {
    query,
    input,
    rows,
    total,
    page,
    pageSize,
    setPage,
    tableProps: {
      dataSource: rows,
      loading: query.isLoading,
      pagination: {
        current: page,
        pageSize,
        total,
        showSizeChanger: options.showSizeChanger,
        showTotal: (count) => t('common.total', { count }),
        onChange: setPage,
      },
    },
  };
}

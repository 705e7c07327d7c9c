// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { ImportWizard } from './ImportWizard';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

const PREVIEW: ImportPreview = {
  kind: 'customers',
  encoding: 'GBK',
  columns: ['姓名', '电话', '语言'],
  sample: [['陈晓东', '139 0011 2233', '中文']],
  fields: ['name', 'name_latin', 'kind', 'phone', 'email', 'nationality', 'language', 'id_document_kind', 'id_document_number', 'notes'],
  required: ['name'],
  mapping: ['name', 'phone', 'language'],
  rows: 3,
  to_create: 2,
  existing: 0,
  bad_rows: 1,
  error_count: 1,
  errors: [{ row: 3, column: '电话', code: 'import.error.bad_phone', message: '电话号码无效', value: '13900ab' }],
};

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <ImportWizard open initialKind="customers" onClose={() => {}} />
      </App>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'import_preview':
        return PREVIEW;
      case 'import_commit':
        return { created: 2, buildings_created: 0, existing: 0, bad_rows: 1 };
      case 'import_progress':
        return { done: 1, total: 2, finished: false, cancelled: false };
      default:
        throw new Error(`unexpected ${name}`);
    }
  });
});
afterEach(cleanup);

describe('ImportWizard', () => {
  it('previews a picked file with its problems in Chinese, then commits the good rows', async () => {
    show();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File([new Uint8Array([0xd5, 0xc5])], '客户.csv');
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('import-to-create').textContent).toBe('2'), { timeout: 15_000 });
    expect(call).toHaveBeenCalledWith('import_preview', expect.objectContaining({ kind: 'customers', file_name: '客户.csv', content_base64: '1cU=', mapping: null }));
    expect(screen.getByTestId('import-error-message').textContent).toBe('电话号码无效');
    expect(screen.getByText('13900ab')).toBeTruthy();
    fireEvent.click(screen.getByTestId('import-commit'));
    await waitFor(() => expect(screen.getByTestId('import-result').textContent).toContain('新建 2'), { timeout: 15_000 });
    expect(call).toHaveBeenCalledWith('import_commit', expect.objectContaining({ file: expect.objectContaining({ mapping: ['name', 'phone', 'language'] }) }));
  }, 30_000);
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, Form, Input } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyLocale } from '../i18n';
import { FormError } from '../errors';
import type { ApiError } from '../../lib/backend';
import { useCommandForm } from './useCommandForm';

type Values = { name: string; phones: string[] };

function Probe({ submit, onSuccess }: { submit: (values: Values) => Promise<string>; onSuccess?: (result: string) => void }) {
  const command = useCommandForm({ submit, onSuccess, fieldPrefix: 'customer' });
  return (
    <>
      <span data-testid="busy">{String(command.busy)}</span>
      <FormError error={command.error} details={command.details} />
      <Form<Values> form={command.form} initialValues={{ name: 'x', phones: ['1', '2'] }} onFinish={command.onFinish}>
        <Form.Item name="name">
          <Input data-testid="name" />
        </Form.Item>
        <Form.List name="phones">
          {(fields, _, { errors }) => (
            <div data-testid="phones">
              {fields.map((field) => (
                <Form.Item key={field.key} name={field.name}>
                  <Input data-testid={`phone-${field.name}`} />
                </Form.Item>
              ))}
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        <button type="submit" data-testid="submit" />
      </Form>
    </>
  );
}

function renderProbe(props: Parameters<typeof Probe>[0]) {
  return render(
    <App>
      <Probe {...props} />
    </App>,
  );
}

/** The form item (label, control and its messages) around a control. */
const itemOf = (testId: string) => screen.getByTestId(testId).closest('.ant-form-item')!;

beforeAll(async () => {
  await applyLocale('en');
});

afterEach(cleanup);

describe('useCommandForm', () => {
  it('puts field errors on the fields and the rest above the form', async () => {
    const rejection: ApiError = {
      code: 'validation',
      message: 'translated by the core',
      fields: {
        'customer.name': 'validation.required',
        'phones.1': 'validation.phone',
        phones: 'validation.too_long',
        'customer.email': 'validation.email',
      },
    };
    renderProbe({ submit: () => Promise.reject(rejection) });
    fireEvent.click(screen.getByTestId('submit'));

    const alert = await screen.findByTestId('form-error');
    expect(alert.textContent).toContain('Some fields need attention.');
    // No email field on this form: its error goes to the box.
    expect(alert.textContent).toContain('Not a valid email address.');
    await waitFor(() => expect(itemOf('name').textContent).toContain('Required.'));
    expect(itemOf('phone-1').textContent).toContain('Not a valid phone number.');
    expect(itemOf('phone-0').textContent).not.toContain('Not a valid phone number.');
    expect(screen.getByTestId('phones').textContent).toContain('Too long.');
    expect(alert.textContent).not.toContain('Required.');
    expect(screen.getByTestId('busy').textContent).toBe('false');
  });

  it('shows the translated message of an error without fields', async () => {
    renderProbe({ submit: () => Promise.reject({ code: 'conflict', message: 'stale', fields: null }) });
    fireEvent.click(screen.getByTestId('submit'));
    const alert = await screen.findByTestId('conflict-alert');
    expect(alert.textContent).toContain('Someone else changed this record');
  });

  it('turns anything else into the internal error', async () => {
    renderProbe({ submit: () => Promise.reject(new Error('boom')) });
    fireEvent.click(screen.getByTestId('submit'));
    expect((await screen.findByTestId('form-error')).textContent).toContain('Something went wrong.');
  });

  it('is busy while the command runs, then calls onSuccess and clears the error', async () => {
    let finish: (value: string) => void = () => {};
    const submit = vi
      .fn<(values: Values) => Promise<string>>()
      .mockRejectedValueOnce({ code: 'internal', message: '', fields: null })
      .mockImplementationOnce(() => new Promise<string>((resolve) => (finish = resolve)));
    const onSuccess = vi.fn();
    renderProbe({ submit, onSuccess });

    fireEvent.click(screen.getByTestId('submit'));
    await screen.findByTestId('form-error');

    fireEvent.click(screen.getByTestId('submit'));
    await waitFor(() => expect(screen.getByTestId('busy').textContent).toBe('true'));
    expect(screen.queryByTestId('form-error')).toBeNull();
    expect(submit).toHaveBeenLastCalledWith({ name: 'x', phones: ['1', '2'] });

    await act(async () => finish('saved'));
    await waitFor(() => expect(screen.getByTestId('busy').textContent).toBe('false'));
    expect(onSuccess).toHaveBeenCalledWith('saved', { name: 'x', phones: ['1', '2'] });
    expect(screen.queryByTestId('form-error')).toBeNull();
  });
});

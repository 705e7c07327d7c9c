// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from './router';
import { formatLocation, parseLocation } from './routes';

const desk = createRouter({
  cases: { path: 'cases' },
  case: { path: 'cases/:id' },
  workOrders: { path: 'cases/:caseId/work-orders' },
  workOrder: { path: 'cases/:caseId/work-orders/:id' },
  myCases: { path: 'my/cases' },
});

describe('route table', () => {
  it('parses nested records', () => {
    expect(desk.parse('#/cases/12/work-orders/3')).toEqual({
      name: 'workOrder',
      params: { caseId: 12, id: 3 },
      query: {},
    });
    expect(desk.parse('cases/12/work-orders')).toEqual({ name: 'workOrders', params: { caseId: 12 }, query: {} });
    expect(desk.parse('/cases/12')).toEqual({ name: 'case', params: { id: 12 }, query: {} });
    expect(desk.parse('#/cases')).toEqual({ name: 'cases', params: {}, query: {} });
    expect(desk.parse('#/my/cases')).toEqual({ name: 'myCases', params: {}, query: {} });
  });

  it('parses the query', () => {
    expect(desk.parse('#/cases?status=open&page=2')).toEqual({
      name: 'cases',
      params: {},
      query: { status: 'open', page: '2' },
    });
  });

  it('refuses paths that are not in the table', () => {
    expect(desk.parse('')).toBeNull();
    expect(desk.parse('#/')).toBeNull();
    expect(desk.parse('#/cases/abc')).toBeNull();
    expect(desk.parse('#/cases/-1')).toBeNull();
    expect(desk.parse('#/cases/012')).toBeNull();
    expect(desk.parse('#/cases/1.5')).toBeNull();
    expect(desk.parse('#/cases/12/work-orders/3/extra')).toBeNull();
    expect(desk.parse('#/cases/99999999999999999999')).toBeNull();
  });

  it('formats nested records and queries', () => {
    expect(desk.format({ name: 'workOrder', params: { caseId: 12, id: 3 } })).toBe('cases/12/work-orders/3');
    expect(desk.href({ name: 'case', params: { id: 12 } })).toBe('#/cases/12');
    expect(desk.format({ name: 'cases' })).toBe('cases');
    expect(desk.format({ name: 'cases', query: { status: 'open', owner: 'me&you' } })).toBe(
      'cases?owner=me%26you&status=open',
    );
    expect(() => desk.format({ name: 'case', params: { id: -1 } })).toThrow();
    expect(() => desk.format({ name: 'case', params: { id: Number.NaN } })).toThrow();
  });

  it('round-trips every shape', () => {
    for (const path of ['cases', 'cases/1', 'cases/0/work-orders', 'cases/7/work-orders/8', 'my/cases', 'cases?q=%E5%BC%A0']) {
      const location = desk.parse(path);
      expect(location).not.toBeNull();
      expect(desk.format(location!)).toBe(path);
    }
  });

  it('refuses two routes with the same path', () => {
    expect(() => createRouter({ a: { path: 'cases/:id' }, b: { path: 'cases/:caseId' } })).toThrow(/same path/);
  });

  it("parses and formats the app's own routes", () => {
    expect(parseLocation('#/customers/5')).toEqual({ name: 'customer', params: { id: 5 }, query: {} });
    expect(parseLocation('#/units/7')).toEqual({ name: 'unit', params: { id: 7 }, query: {} });
    expect(formatLocation({ name: 'customer', params: { id: 5 } })).toBe('customers/5');
    expect(formatLocation({ name: 'settings' })).toBe('settings');
  });
});

describe('navigation', () => {
  afterEach(cleanup);

  function Where() {
    const location = desk.useLocation();
    return <span data-testid="where">{location ? desk.format(location) : 'nowhere'}</span>;
  }

  const where = () => screen.getByTestId('where').textContent;

  /** jsdom moves through history and fires hashchange asynchronously; wait until the screen follows. */
  async function settle(expected: string) {
    const shown = () => window.location.hash === expected && where() === expected.replace(/^#\//, '');
    await act(async () => {
      for (let i = 0; i < 100 && !shown(); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    });
    expect(window.location.hash).toBe(expected);
    expect(where()).toBe(expected.replace(/^#\//, ''));
  }

  it('follows navigation, back and forward', async () => {
    window.location.hash = '';
    render(<Where />);
    expect(where()).toBe('nowhere');

    act(() => desk.navigate({ name: 'cases' }));
    await settle('#/cases');
    act(() => desk.navigate({ name: 'case', params: { id: 12 } }));
    await settle('#/cases/12');
    act(() => desk.navigate({ name: 'workOrder', params: { caseId: 12, id: 3 } }));
    await settle('#/cases/12/work-orders/3');
    expect(where()).toBe('cases/12/work-orders/3');

    act(() => desk.back());
    await settle('#/cases/12');
    expect(where()).toBe('cases/12');
    act(() => desk.back());
    await settle('#/cases');
    expect(where()).toBe('cases');

    act(() => desk.forward());
    await settle('#/cases/12');
    expect(where()).toBe('cases/12');

    act(() => desk.navigate({ name: 'case', params: { id: 13 } }, { replace: true }));
    await settle('#/cases/13');
    expect(where()).toBe('cases/13');
    act(() => desk.back());
    await settle('#/cases');
    expect(where()).toBe('cases');
  });
});

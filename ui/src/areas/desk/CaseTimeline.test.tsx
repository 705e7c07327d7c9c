// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { applyLocale } from '../../shared/i18n';
import { CaseTimeline, type TimelineEvent } from './CaseTimeline';

const EVENTS: TimelineEvent[] = [
  { id: 1, kind: 'received', at: '2026-11-27T01:00:00Z', staff_name: '李敏', note: '业主来电' },
  {
    id: 2,
    kind: 'edited',
    at: '2026-11-27T01:05:00Z',
    staff_name: '李敏',
    data: { changes: [{ field: 'priority', from: 'normal', to: 'urgent' }, { field: 'title', from: null, to: '漏水' }] },
  },
  {
    id: 3,
    kind: 'accepted',
    at: '2026-11-27T01:30:00Z',
    staff_name: 'Zhang Wei',
    work_order_id: 9,
    data: { from: 'dispatched', to: 'accepted' },
  },
  { id: 4, kind: 'escalated', at: '2026-11-27T02:00:00Z', staff_name: null, note: null },
];

afterEach(cleanup);

describe('CaseTimeline', () => {
  it('lists events newest first with translated kinds, people and the system', async () => {
    await applyLocale('en');
    render(<CaseTimeline events={EVENTS} timeZone="UTC" />);
    const ids = [...document.querySelectorAll('[data-testid^="event-"]')]
      .map((node) => node.getAttribute('data-testid')!)
      .filter((id) => /^event-\d+$/.test(id));
    expect(ids).toEqual(['event-4', 'event-3', 'event-2', 'event-1']);
    expect(screen.getByTestId('event-4').textContent).toContain('Escalated');
    expect(screen.getByTestId('event-4').textContent).toContain('System');
    expect(screen.getByTestId('event-1').textContent).toContain('业主来电');
    expect(screen.getByTestId('event-1').textContent).toMatch(/Nov\s27,\s2026, 01:00/);
  });

  it('translates status changes with the vocabulary of their entity', async () => {
    await applyLocale('zh-CN');
    render(<CaseTimeline events={EVENTS} />);
    expect(screen.getByTestId('event-3-status').textContent).toBe('状态：已派工 → 已接单');
    expect(screen.getByTestId('event-3').textContent).toContain('#9');
  });

  it('translates field names per entity and enum values', async () => {
    await applyLocale('zh-CN');
    render(<CaseTimeline events={EVENTS} />);
    expect(screen.getByTestId('event-2-priority').textContent).toBe('紧急程度：普通 → 紧急');
    expect(screen.getByTestId('event-2-title').textContent).toBe('标题：（空） → 漏水');
  });
});

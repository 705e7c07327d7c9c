// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n, { applyLocale } from '../../shared/i18n';
import { formatCents } from '../../shared/format';
import { DueTime, formatDuration, Money, OverdueTag, PriorityTag, Satisfaction, StatusTag } from './tags';

const NOW = new Date('2026-11-27T10:00:00Z');
const DUE = '2026-11-27T07:45:00Z'; // 2 h 15 min before NOW

afterEach(cleanup);

describe('desk tags', () => {
  it('shows "overdue by 2 h 15 min" in red in English', async () => {
    await applyLocale('en');
    render(<OverdueTag due={DUE} now={NOW} />);
    const tag = screen.getByTestId('overdue-tag');
    expect(tag.textContent).toBe('Overdue by 2 h 15 min');
    expect(tag.className).toContain('ant-tag-red');
  });

  it('shows the overdue time in Chinese, with days for long delays', async () => {
    await applyLocale('zh-CN');
    render(<OverdueTag due={DUE} now={NOW} />);
    expect(screen.getByTestId('overdue-tag').textContent).toBe('已超时 2 小时 15 分钟');
    cleanup();
    render(<OverdueTag due="2026-11-24T08:00:00Z" now={NOW} />);
    expect(screen.getByTestId('overdue-tag').textContent).toBe('已超时 3 天 2 小时');
  });

  it('leaves out a zero second part: "2 h", "3 d"', async () => {
    await applyLocale('en');
    expect(formatDuration(i18n.t, 'en', 2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(i18n.t, 'en', 3 * 86_400_000)).toBe('3 d');
    expect(formatDuration(i18n.t, 'en', 3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
    await applyLocale('zh-CN');
    expect(formatDuration(i18n.t, 'zh-CN', 4 * 3_600_000)).toBe('4 小时');
    expect(formatDuration(i18n.t, 'zh-CN', 7 * 86_400_000)).toBe('7 天');
  });

  it('shows nothing when not yet due or already settled', async () => {
    await applyLocale('en');
    const { container } = render(
      <>
        <OverdueTag due="2026-11-27T11:00:00Z" now={NOW} />
        <OverdueTag due={DUE} now={NOW} settled />
      </>,
    );
    expect(container.textContent).toBe('');
  });

  it('shows a due time relative and absolute', async () => {
    await applyLocale('en');
    render(<DueTime due="2026-11-27T10:40:00Z" now={NOW} />);
    expect(screen.getByTestId('due-time').textContent).toContain('Due in 40 min');
    expect(screen.getByTestId('due-absolute').textContent).toMatch(/2026/);
    cleanup();
    render(<DueTime due={DUE} now={NOW} />);
    expect(screen.getByTestId('overdue-tag')).toBeTruthy();
  });

  it('translates status and priority names', async () => {
    await applyLocale('zh-CN');
    render(
      <>
        <StatusTag status="awaiting_follow_up" />
        <StatusTag of="work_order" status="verified" />
        <PriorityTag priority="urgent" />
      </>,
    );
    expect(screen.getByTestId('status-awaiting_follow_up').textContent).toBe('待回访');
    expect(screen.getByTestId('status-verified').textContent).toBe('已验收');
    expect(screen.getByTestId('priority-urgent').textContent).toBe('紧急');
  });

  it('formats integer cents exactly in the locale currency', async () => {
    expect(formatCents(123456789, 'en')).toBe('CN¥1,234,567.89');
    expect(formatCents(-5, 'en')).toBe('-CN¥0.05');
    expect(formatCents(9007199254740993n, 'en', 'USD')).toBe('$90,071,992,547,409.93');
    expect(formatCents(1999, 'zh-CN')).toBe('¥19.99');
    await applyLocale('zh-CN');
    render(<Money cents={30000} />);
    expect(screen.getByTestId('money').textContent).toBe('¥300.00');
  });

  it('takes a satisfaction score from the number keys and shows low scores as a warning', async () => {
    await applyLocale('en');
    const onChange = vi.fn();
    render(<Satisfaction value={null} onChange={onChange} />);
    const input = screen.getByTestId('satisfaction-input');
    fireEvent.keyDown(input, { key: '4' });
    expect(onChange).toHaveBeenCalledWith(4);
    cleanup();
    render(<Satisfaction value={2} readOnly />);
    expect(screen.getByTestId('satisfaction').textContent).toContain('Dissatisfied');
  });
});

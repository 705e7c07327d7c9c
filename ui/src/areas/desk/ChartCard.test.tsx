// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyLocale } from '../../shared/i18n';
import { ChartCard } from './ChartCard';
import { CHART_COLOURS, chartOption } from './chartOption';

// jsdom has no canvas: stand in for echarts and watch what the card asks of it.
const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
const init = vi.hoisted(() => vi.fn(() => chart));
const use = vi.hoisted(() => vi.fn());
vi.mock('echarts/core', () => ({ init, use }));
vi.mock('echarts/charts', () => ({ BarChart: 'bar', PieChart: 'pie' }));
vi.mock('echarts/components', () => ({ GridComponent: 'grid', TooltipComponent: 'tooltip', LegendComponent: 'legend' }));
vi.mock('echarts/renderers', () => ({ CanvasRenderer: 'canvas' }));

const DATA = [
  { name: 'Engineering', value: 1200 },
  { name: 'Cleaning', value: 3 },
];

beforeAll(async () => {
  await applyLocale('en');
});
afterEach(cleanup);

describe('chartOption', () => {
  it('draws bars in the primary colour with locale numbers', () => {
    const option = chartOption('bar', DATA, 'en') as {
      color: string[];
      xAxis: { data: string[] };
      series: { type: string; data: number[] }[];
      yAxis: { axisLabel: { formatter: (v: number) => string } };
    };
    expect(option.color[0]).toBe('#1f6f5c');
    expect(option.xAxis.data).toEqual(['Engineering', 'Cleaning']);
    expect(option.series[0]).toMatchObject({ type: 'bar', data: [1200, 3] });
    expect(option.yAxis.axisLabel.formatter(1200)).toBe('1,200');
  });

  it('draws a pie of named slices', () => {
    const option = chartOption('pie', DATA, 'zh-CN', (v) => `${v} 件`) as {
      color: string[];
      series: { type: string; data: unknown[]; label: { formatter: (p: { name: string; value: number }) => string } }[];
    };
    expect(option.color).toBe(CHART_COLOURS);
    expect(option.series[0].type).toBe('pie');
    expect(option.series[0].data).toEqual(DATA);
    expect(option.series[0].label.formatter({ name: '工程部', value: 4 })).toBe('工程部 4 件');
  });
});

describe('ChartCard', () => {
  it('loads echarts on first use, with the bar and pie charts only, and disposes it', async () => {
    const { unmount } = render(<ChartCard title="Open cases" kind="bar" data={DATA} />);
    await waitFor(() => expect(chart.setOption).toHaveBeenCalled());
    expect(use).toHaveBeenCalledWith(expect.arrayContaining(['bar', 'pie', 'canvas']));
    expect(init).toHaveBeenCalledWith(screen.getByTestId('chart'));
    expect(chart.setOption.mock.calls[0][0]).toMatchObject({ series: [{ type: 'bar' }] });
    unmount();
    expect(chart.dispose).toHaveBeenCalled();
  });

  it('shows an empty state instead of a chart without data', () => {
    init.mockClear();
    render(<ChartCard title="Per channel" kind="pie" data={[]} />);
    expect(screen.getByTestId('chart-card').textContent).toContain('No data');
    expect(screen.queryByTestId('chart')).toBeNull();
    expect(init).not.toHaveBeenCalled();
  });
});

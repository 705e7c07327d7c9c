/** The pure part of the dashboard charts: data → echarts option, in the app's colours. */

/** antd's primary colour first, then colours that sit well with it. */
export const CHART_COLOURS = ['#1f6f5c', '#4f9d8a', '#e8a33d', '#d4533b', '#5b7db8', '#8c6bb1', '#a3b54a', '#7a8a99'];

export type ChartKind = 'bar' | 'pie';
export type ChartDatum = { name: string; value: number };

export function chartOption(
  kind: ChartKind,
  data: ChartDatum[],
  locale: string,
  format: (value: number) => string = (value) => new Intl.NumberFormat(locale).format(value),
): Record<string, unknown> {
  const textStyle = { fontFamily: 'inherit', color: 'rgba(0, 0, 0, 0.88)' };
  const tooltip = {
    trigger: kind === 'bar' ? 'axis' : 'item',
    valueFormatter: (value: number) => format(value),
  };
  if (kind === 'pie') {
    return {
      color: CHART_COLOURS,
      textStyle,
      tooltip,
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '70%'],
          itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
          label: { formatter: (p: { name: string; value: number }) => `${p.name} ${format(p.value)}` },
          data,
        },
      ],
    };
  }
  return {
    color: CHART_COLOURS,
    textStyle,
    tooltip,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, hideOverlap: true } },
    // Counts and minutes: whole steps on the axis, never 0.2 of a work order.
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (value: number) => format(value) } },
    series: [{ type: 'bar', data: data.map((d) => d.value), barMaxWidth: 40, itemStyle: { borderRadius: [4, 4, 0, 0] } }],
  };
}

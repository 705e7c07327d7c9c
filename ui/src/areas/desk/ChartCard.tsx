import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Card, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { chartOption, type ChartDatum, type ChartKind } from './chartOption';

type ECharts = { setOption: (option: unknown, notMerge?: boolean) => void; resize: () => void; dispose: () => void };

/**
 * echarts with only the bar and pie charts, loaded on first use: it stays out of the
 * first chunk and out of every screen that draws no chart.
 */
let loading: Promise<(element: HTMLElement) => ECharts> | null = null;
export function loadEcharts(): Promise<(element: HTMLElement) => ECharts> {
  loading ??= import('./echarts').then(
    ({ init }) =>
      (element: HTMLElement) =>
        init(element) as unknown as ECharts,
  );
  loading.catch(() => (loading = null));
  return loading;
}

export type ChartCardProps = {
  title: ReactNode;
  kind: ChartKind;
  data: ChartDatum[];
  /** Formats values (axis, tooltip, labels); locale numbers otherwise. Minutes, money … */
  format?: (value: number) => string;
  height?: number;
  /** True while the data loads. */
  loading?: boolean;
  extra?: ReactNode;
};

/** A dashboard card holding one bar or pie chart. */
export function ChartCard({ title, kind, data, format, height = 280, loading: dataLoading, extra }: ChartCardProps) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const empty = !dataLoading && data.length === 0;

  useEffect(() => {
    if (empty) return;
    let alive = true;
    loadEcharts().then(
      (init) => {
        if (!alive || !element.current) return;
        chart.current = init(element.current);
        setReady(true);
      },
      () => alive && setFailed(true),
    );
    const onResize = () => chart.current?.resize();
    window.addEventListener('resize', onResize);
    return () => {
      alive = false;
      window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = null;
      setReady(false);
    };
  }, [empty]);

  useEffect(() => {
    if (ready && chart.current) chart.current.setOption(chartOption(kind, data, i18n.language, format), true);
  }, [ready, kind, data, format, i18n.language]);

  return (
    <Card title={title} extra={extra} size="small" data-testid="chart-card">
      {failed ? (
        <Alert type="error" showIcon title={t('desk.chart.failed')} />
      ) : empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.chart.empty')} style={{ height }} />
      ) : (
        <Spin spinning={!ready || Boolean(dataLoading)} description={t('desk.chart.loading')}>
          <div ref={element} style={{ height, width: '100%' }} data-testid="chart" />
        </Spin>
      )}
    </Card>
  );
}

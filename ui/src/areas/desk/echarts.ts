// Only what the dashboard draws, imported by name so the bundle keeps just these parts of
// echarts. Loaded through a dynamic import (ChartCard's loadEcharts), never statically.
import { init, use } from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };

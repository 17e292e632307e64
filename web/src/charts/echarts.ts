/** Only the ECharts parts the dashboard draws, so the chunk stays small; loaded when a page first needs a chart. */
import { init, registerMap, use, type EChartsType } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, ScatterChart, AriaComponent, GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export { init, registerMap };
export type { EChartsType };

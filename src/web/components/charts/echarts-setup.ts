import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, SankeyChart, FunnelChart, ScatterChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkPointComponent, MarkLineComponent, TitleComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces the app draws: a third of the full bundle.
echarts.use([
  BarChart, HeatmapChart, LineChart, SankeyChart, FunnelChart, ScatterChart,
  GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, MarkPointComponent, MarkLineComponent, TitleComponent, DataZoomComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';

/**
 * ECharts, only the parts the supervisor's charts use (tree-shaken), with the SVG renderer (crisp, and its text
 * stays text). Imported only through EChart's dynamic import, so it is a chunk of its own that staff pages never load.
 */
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };

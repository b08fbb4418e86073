import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ReportChart } from '../../../../shared/contract/reports';
import { axisLabel, formatCell } from './format';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, SVGRenderer]);

const FONT = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";
// Sober colours that stay apart in greyscale print.
const PALETTE = ['#2f5d8a', '#c0873f', '#5b8c5a', '#8a4f7d', '#7a7a7a', '#b04a4a', '#3f8f9a', '#9a8a3f'];

/**
 * Renders a report chart to an SVG string with ECharts' server-side SVG renderer: vector output that
 * prints crisp, no animation, no canvas, and a fixed size the paginator can measure.
 */
export function chartSvg(chart: ReportChart, width: number, zh: boolean): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: chart.height });
  try {
    instance.setOption(optionOf(chart, zh));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

function optionOf(chart: ReportChart, zh: boolean): echarts.EChartsCoreOption {
  const textStyle = { fontFamily: FONT, fontSize: 11, color: '#222' };
  if (chart.kind === 'pie') {
    const series = chart.series[0];
    return {
      animation: false,
      color: PALETTE,
      textStyle,
      // No legend: each slice's label names it with its share, and a vertical legend of a dozen
      // industries wrapped into uneven columns on the printed page.
      series: [
        {
          type: 'pie',
          radius: ['0%', '70%'],
          center: ['50%', '50%'],
          label: { formatter: '{b} {d}%', fontFamily: FONT, fontSize: 10 },
          data: chart.categories.map((name, i) => ({ name, value: series?.data[i] ?? 0 })),
        },
      ],
    };
  }
  // Series in the first series' unit use the left axis; others (a rate beside counts) the right one.
  const leftFormat = chart.series[0]?.format ?? 'int';
  const rightFormat = chart.series.find((s) => s.format !== leftFormat)?.format;
  const yAxis = [
    { type: 'value', axisLabel: { formatter: (v: number) => axisLabel(v, leftFormat, zh), ...textStyle }, splitLine: { lineStyle: { color: '#e3e3e3' } } },
    ...(rightFormat ? [{ type: 'value', axisLabel: { formatter: (v: number) => axisLabel(v, rightFormat, zh), ...textStyle }, splitLine: { show: false } }] : []),
  ];
  const many = chart.categories.length > 10;
  return {
    animation: false,
    color: PALETTE,
    textStyle,
    legend: { top: 0, textStyle },
    grid: { left: 8, right: rightFormat ? 8 : 16, top: 28, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: chart.categories,
      axisLabel: { ...textStyle, interval: 0, rotate: many ? 30 : 0 },
      axisTick: { alignWithLabel: true },
    },
    yAxis,
    series: chart.series.map((s) => {
      const line = s.line || chart.kind === 'line';
      const right = rightFormat !== undefined && s.format === rightFormat;
      return {
        name: s.name,
        type: line ? 'line' : 'bar',
        yAxisIndex: right ? 1 : 0,
        data: s.data,
        barMaxWidth: 36,
        symbolSize: 5,
        label: {
          show: !line && chart.categories.length <= 12 && chart.series.length <= 2,
          position: 'top',
          fontFamily: FONT,
          fontSize: 9,
          formatter: (p: { value: number | null }) =>
            p.value === null ? '' : s.format === 'fen' ? axisLabel(p.value, 'fen', zh) : formatCell(p.value, s.format),
        },
      };
    }),
  };
}

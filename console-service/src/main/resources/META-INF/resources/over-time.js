// Figures over time, drawn from the page's tables (the tables are the page): every element with
// data-at and data-series in the table a chart names is one point; the chart's data-value names
// the point's figure (data-click, data-count...). data-kind: line, or stack (stacked bars).
(function () {
  if (!window.echarts) {
    return;
  }
  document.querySelectorAll('div.over-time-chart').forEach((element) => {
    const chart = element.dataset;
    const points = Array.from(document.querySelectorAll('#' + chart.table + ' [data-at][data-series]'))
      .map((point) => point.dataset).filter((point) => point[chart.value] !== '');
    const times = Array.from(new Set(points.map((point) => point.at))).sort();
    const names = Array.from(new Set(points.map((point) => point.series)));
    const percent = chart.percent === 'true';
    const series = names.map((name) => ({
      name,
      type: chart.kind === 'stack' ? 'bar' : 'line',
      stack: chart.kind === 'stack' ? 'all' : undefined,
      showSymbol: true,
      data: times.map((at) => {
        const point = points.find((p) => p.at === at && p.series === name);
        return point ? Number(point[chart.value]) : (chart.kind === 'stack' ? 0 : null);
      }),
    }));
    echarts.init(element, null, { renderer: 'svg' }).setOption({
      animation: false,
      title: { text: chart.title, left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 60 },
      tooltip: { trigger: 'axis', valueFormatter: percent ? (v) => (v * 100).toFixed(1) + ' %' : undefined },
      xAxis: { type: 'category', data: times.map((at) => at.replace('T', ' ').replace(':00Z', '')) },
      yAxis: { type: 'value', min: 0, minInterval: percent ? undefined : 1,
        axisLabel: percent ? { formatter: (v) => (v * 100).toFixed(0) + ' %' } : {} },
      series,
    });
  });
})();

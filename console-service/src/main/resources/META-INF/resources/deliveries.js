// The delivery report's counts as bars, drawn from the page's tables (the tables are the page).
(function () {
  if (!window.echarts) {
    return;
  }
  document.querySelectorAll('div.chart[data-dimension]').forEach((element) => {
    const table = document.querySelector('table.counts[data-dimension="' + element.dataset.dimension + '"]');
    const rows = Array.from(table.querySelectorAll('tr[data-key]')).map((tr) => tr.dataset);
    echarts.init(element, null, { renderer: 'svg' }).setOption({
      animation: false,
      grid: { left: 110, right: 20, top: 10, bottom: 20 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.key) },
      series: [{ type: 'bar', itemStyle: { color: '#0969da' }, data: rows.map((row) => Number(row.count)) }],
    });
  });
})();

// The A/B page's bars with their 95 % error bars, drawn from the figures in the page's table
// (the table is the page; without JavaScript it is all there is).
(function () {
  const table = document.querySelector('table.split');
  if (!table || !window.echarts) {
    return;
  }
  const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.dataset);
  const percent = (value) => (value * 100).toFixed(0) + ' %';

  // a vertical line from low to high with short caps, at the bar's category
  function errorBar(params, api) {
    const low = api.coord([api.value(0), api.value(1)]);
    const high = api.coord([api.value(0), api.value(2)]);
    const cap = api.size([1, 0])[0] * 0.12;
    const style = { stroke: '#1d2430', lineWidth: 1.5 };
    const line = (x1, y1, x2, y2) => ({ type: 'line', shape: { x1, y1, x2, y2 }, style });
    return {
      type: 'group',
      children: [
        line(low[0], low[1], high[0], high[1]),
        line(low[0] - cap, low[1], low[0] + cap, low[1]),
        line(high[0] - cap, high[1], high[0] + cap, high[1]),
      ],
    };
  }

  document.querySelectorAll('div.chart[data-figure]').forEach((element) => {
    const figure = element.dataset.figure;
    const shown = rows.filter((row) => row[figure + 'Rate'] !== '');
    const bounded = shown.map((row, i) => [i, row[figure + 'Low'], row[figure + 'High']])
      .filter((bar) => bar[1] !== '').map((bar) => [bar[0], Number(bar[1]), Number(bar[2])]);
    echarts.init(element, null, { renderer: 'svg' }).setOption({
      animation: false,
      title: { text: element.dataset.title + ' (95 % interval)', left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', valueFormatter: (value) => (value * 100).toFixed(1) + ' %' },
      xAxis: { type: 'category', data: shown.map((row) => row.variant) },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: percent } },
      series: [
        { name: element.dataset.title, type: 'bar', barWidth: '45%', itemStyle: { color: '#0969da' },
          data: shown.map((row) => Number(row[figure + 'Rate'])) },
        { name: '95 % interval', type: 'custom', renderItem: errorBar, data: bounded, z: 10,
          encode: { x: 0, y: [1, 2] } },
      ],
    });
  });
})();

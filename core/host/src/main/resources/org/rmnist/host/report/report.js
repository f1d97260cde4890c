// rmnist report: draws the charts described by the JSON in #report-data with Chart.js.
(function () {
  'use strict';
  var matrix = window['chartjs-chart-matrix'];
  var bars = window.ChartErrorBars;
  Chart.register(matrix.MatrixController, matrix.MatrixElement,
    bars.ScatterWithErrorBarsController, bars.PointWithErrorBar);
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 11;
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2',
    '#7f7f7f', '#bcbd22', '#17becf'];
  function colour(i, alpha) {
    var c = palette[i % palette.length];
    if (alpha === undefined) { return c; }
    var n = parseInt(c.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  function note(ctx) { return ctx.raw && ctx.raw.note ? ' (' + ctx.raw.note + ')' : ''; }

  function accuracy(spec) {
    var datasets = [];
    spec.series.forEach(function (s, i) {
      datasets.push({ type: 'scatterWithErrorBars', label: s.label, data: s.means,
        showLine: true, borderColor: colour(i), backgroundColor: colour(i), pointRadius: 4,
        errorBarColor: colour(i), errorBarWhiskerColor: colour(i), errorBarWhiskerSize: 10 });
      datasets.push({ type: 'scatter', label: s.label + ' runs', data: s.dots,
        backgroundColor: colour(i, 0.35), borderColor: colour(i, 0.35), pointRadius: 2.5 });
      if (s.refs.length) {
        datasets.push({ type: 'scatter', label: s.label + ' reference', data: s.refs,
          pointStyle: 'crossRot', pointRadius: 7, borderWidth: 2, borderColor: colour(i),
          backgroundColor: colour(i) });
      }
    });
    return {
      type: 'scatterWithErrorBars',
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', min: -0.5, max: spec.ticks.length - 0.5,
            afterBuildTicks: function (axis) {
              axis.ticks = spec.ticks.map(function (t, i) { return { value: i }; });
            },
            ticks: { callback: function (v) { return spec.ticks[Math.round(v)] || ''; } } },
          y: { title: { display: true, text: spec.split + ' accuracy (%)' } }
        },
        plugins: {
          tooltip: { callbacks: { label: function (ctx) {
            return ctx.dataset.label + ': ' + ctx.parsed.y.toFixed(2) + '%' + note(ctx);
          } } },
          legend: { labels: { boxWidth: 12,
            filter: function (item) { return !/ runs$/.test(item.text); } } }
        }
      }
    };
  }

  function curve(spec) {
    var datasets = [];
    var hasLoss = spec.seeds.some(function (s) { return s.loss.length > 0; });
    var hasAcc = spec.seeds.some(function (s) { return s.accuracy.length > 0; });
    spec.seeds.forEach(function (s, i) {
      if (s.loss.length) {
        datasets.push({ type: 'line', label: s.label + ' training loss', data: s.loss,
          yAxisID: 'loss', borderColor: colour(i, 0.55), borderWidth: 1, pointRadius: 0 });
      }
      if (s.accuracy.length) {
        datasets.push({ type: 'line', label: s.label + ' validation %', data: s.accuracy,
          yAxisID: 'acc', borderColor: colour(i), backgroundColor: colour(i), borderWidth: 2,
          pointRadius: s.accuracy.length > 60 ? 0 : 2 });
      }
    });
    return {
      type: 'line',
      data: { datasets: datasets },
      options: {
        maintainAspectRatio: false, parsing: true,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' } },
          loss: { type: 'logarithmic', position: 'left', display: hasLoss,
            title: { display: true, text: 'training loss' } },
          acc: { type: 'linear', position: 'right', display: hasAcc,
            grid: { drawOnChartArea: !hasLoss },
            title: { display: true, text: 'validation accuracy (%)' } }
        },
        plugins: { title: { display: true, text: spec.title },
          legend: { labels: { boxWidth: 12 } } }
      }
    };
  }

  function confusion(spec) {
    var k = spec.classes;
    function digits(axis) {
      axis.ticks = [];
      for (var i = 0; i < k; i++) { axis.ticks.push({ value: i }); }
    }
    return {
      type: 'matrix',
      data: { datasets: [{ label: spec.title, data: spec.cells,
        backgroundColor: function (ctx) {
          var v = ctx.raw ? ctx.raw.v : 0;
          var a = spec.max > 0 ? Math.sqrt(v / spec.max) : 0;
          return ctx.raw && ctx.raw.x === ctx.raw.y ? 'rgba(35,52,83,' + (0.15 + 0.85 * a) + ')'
            : 'rgba(214,39,40,' + (v > 0 ? 0.08 + 0.92 * a : 0) + ')';
        },
        borderColor: '#fff', borderWidth: 1,
        width: function (ctx) { var a = ctx.chart.chartArea; return a ? a.width / k - 1 : 10; },
        height: function (ctx) { var a = ctx.chart.chartArea; return a ? a.height / k - 1 : 10; }
      }] },
      options: {
        maintainAspectRatio: false,
        plugins: { legend: { display: false },
          title: { display: true, text: spec.title },
          tooltip: { callbacks: { title: function () { return ''; },
            label: function (ctx) {
              return 'true ' + ctx.raw.y + ', predicted ' + ctx.raw.x + ': ' + ctx.raw.v;
            } } } },
        scales: {
          x: { type: 'linear', min: -0.5, max: k - 0.5, offset: false, afterBuildTicks: digits,
            grid: { display: false },
            title: { display: true, text: 'predicted' } },
          y: { type: 'linear', min: -0.5, max: k - 0.5, offset: false, reverse: true,
            afterBuildTicks: digits, grid: { display: false },
            title: { display: true, text: 'true' } }
        }
      }
    };
  }

  var builders = { accuracy: accuracy, curve: curve, confusion: confusion };
  var data = JSON.parse(document.getElementById('report-data').textContent);
  window.reportCharts = [];
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) {
      console.error('report: no canvas for chart ' + spec.id);
      return;
    }
    window.reportCharts.push(new Chart(canvas, builders[spec.type](spec)));
  });
  window.reportReady = true;
})();

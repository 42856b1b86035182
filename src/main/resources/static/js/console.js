// htmx requests carry the CSRF token of the page (Spring Security keeps CSRF on for the console).
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && token.content) { e.detail.headers[header.content] = token.content; }
});

// Renders every <div class="chart" data-chart='{...echarts option...}'> on the page and marks it
// data-rendered="true" once ECharts has finished drawing (animations included), so tests and
// screenshots see the final chart.
function flywheelRenderCharts(root) {
  (root || document).querySelectorAll('.chart[data-chart]').forEach(function (el) {
    if (!window.echarts) { return; }
    var chart = echarts.getInstanceByDom(el) || echarts.init(el);
    chart.off('finished');
    chart.on('finished', function () { el.dataset.rendered = 'true'; });
    chart.setOption(JSON.parse(el.dataset.chart));
  });
}
document.addEventListener('DOMContentLoaded', function () { flywheelRenderCharts(); });
document.addEventListener('htmx:afterSwap', function (e) { flywheelRenderCharts(e.target); });
window.addEventListener('resize', function () {
  document.querySelectorAll('.chart[data-rendered]').forEach(function (el) {
    var c = echarts.getInstanceByDom(el); if (c) { c.resize(); }
  });
});

// Segment form: a click on an example puts it in the expression box and asks for a preview.
document.addEventListener('click', function (e) {
  var example = e.target.closest('[data-example]');
  if (!example) { return; }
  var box = document.getElementById('expression');
  if (!box) { return; }
  box.value = example.dataset.example;
  box.focus();
  box.dispatchEvent(new Event('example-picked'));
});

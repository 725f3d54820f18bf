// charts: Chart.js (npm "chart.js", embedded as /vendor/chart.js), loaded
// once, on the first page that draws a chart. It draws on canvas, so the
// strict Content-Security-Policy needs nothing more.
let loading = null;

export function loadChart() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/vendor/chart.js';
      s.onload = () => resolve(window.Chart);
      s.onerror = () => { loading = null; reject(new Error('chart.js')); };
      document.head.append(s);
    });
  }
  return loading;
}

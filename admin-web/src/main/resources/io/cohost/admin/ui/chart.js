'use strict';
/*
 * A line chart of one figure over the last 15 minutes, drawn as inline SVG. Samples without the
 * figure leave a gap; a figure no sample has is "not measured", never a flat zero line.
 */
const Chart = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 300, H = 110, TOP = 12, BOTTOM = 96;

  function node(name, attrs, text) {
    const n = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  /** Draws samples [{at, figures}] of `key` into the figure element; `format` labels values. */
  function draw(figureEl, samples, key, format, windowSeconds) {
    const svg = figureEl.querySelector('svg');
    const last = figureEl.querySelector('.last');
    const now = Date.now();
    const from = now - windowSeconds * 1000;
    const points = samples
      .filter(s => typeof s.figures[key] === 'number')
      .map(s => ({ t: Date.parse(s.at), v: s.figures[key] }))
      .filter(p => p.t >= from);
    const parts = [node('line', { class: 'axis', x1: 0, y1: BOTTOM, x2: W, y2: BOTTOM })];
    if (points.length === 0) {
      const measured = samples.some(s => typeof s.figures[key] === 'number');
      const text = samples.length === 0 ? 'no samples yet' : measured ? 'no data in this window' : 'not measured';
      parts.push(node('text', { class: 'empty', x: W / 2, y: H / 2, 'text-anchor': 'middle' }, text));
      svg.replaceChildren(...parts);
      last.textContent = samples.length > 0 && !measured ? 'not measured' : '';
      figureEl.dataset.state = measured ? 'measured' : 'not-measured';
      return;
    }
    const max = Math.max(...points.map(p => p.v)) || 1;
    const x = t => (t - from) / (now - from) * W;
    const y = v => BOTTOM - v / (max * 1.1) * (BOTTOM - TOP);
    const line = points.map(p => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' ');
    const first = points[0], end = points[points.length - 1];
    parts.push(node('polygon', { class: 'area', points: x(first.t).toFixed(1) + ',' + BOTTOM + ' ' + line + ' ' + x(end.t).toFixed(1) + ',' + BOTTOM }));
    parts.push(node('polyline', { class: 'line', points: line }));
    parts.push(node('line', { class: 'axis', x1: 0, y1: y(max), x2: W, y2: y(max), 'stroke-dasharray': '3 3' }));
    parts.push(node('text', { x: 2, y: y(max) - 2 }, format(max)));
    parts.push(node('text', { x: 2, y: H - 2 }, '−' + Math.round(windowSeconds / 60) + ' min'));
    parts.push(node('text', { x: W - 2, y: H - 2, 'text-anchor': 'end' }, 'now'));
    svg.replaceChildren(...parts);
    last.textContent = format(end.v);
    figureEl.dataset.state = 'measured';
  }

  return { draw };
})();

// The chain demo: Read puts widgets on the page that read the node in the form; each new
// block is picked up every 15 seconds.
const charts = [['overview', 'wide'], ['volume', 'wide'], ['verification', ''], ['callers', ''], ['leaderboard', 'wide tall']];

document.querySelector('#node').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const widgets = charts.map(([chart, layout]) => {
    const widget = document.createElement('hub-pulse');
    widget.className = layout;
    const attributes = { source: 'evm', rpc: form.get('rpc'), 'from-block': form.get('from-block'),
                         address: form.get('address'), refresh: '15', chart };
    for (const [name, value] of Object.entries(attributes)) widget.setAttribute(name, value);
    return widget;
  });
  document.querySelector('#charts').replaceChildren(...widgets);
});
await import('./demo.js');

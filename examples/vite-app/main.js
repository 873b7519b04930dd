// A bundler app: the npm package, imported by name. Vite ships its wasm as an asset.
import { load, mount } from 'hubpulse';

load({ events: '/data/events.ndjson' }).then((data) => {
  const report = data.report({ range: '30d' });
  document.querySelector('#figures').textContent = `${report.events} inferences in the last 30 days`;
  mount(document.querySelector('#mounted'), data, { chart: 'leaderboard' });
});

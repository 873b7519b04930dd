// One page per hub shape (`hub.html?shape=replicate`): the whole dashboard of the made-up
// hub as that hub publishes it. Each shape's inputs are the attributes a site would write.
const shapes = {
  snapshots: {
    title: 'Counter snapshots',
    lede: 'One running total per model and day (docs/inputs.md#counter-snapshots), the shape any hub\'s counter becomes when it is saved daily. hubpulse differences consecutive days into daily runs.',
    input: 'Input: data/snapshots.csv (day,model,total) with the registry data/models.json.',
    attributes: { snapshots: 'data/snapshots.csv', registry: 'data/models.json' },
  },
  replicate: {
    title: 'Replicate\'s model list',
    lede: 'Replicate publishes each model\'s cumulative run_count. Saved once a day, its model list is a series of counters: the widget reads the pages as they are, lists each model from the first page that has it, and counts the daily differences as runs.',
    input: 'Input: data/replicate-models.ndjson, one saved GET /v1/models page per line with the day added as date; format="replicate-models".',
    attributes: { snapshots: 'data/replicate-models.ndjson', format: 'replicate-models' },
  },
  huggingface: {
    title: 'Hugging Face\'s model list',
    lede: 'The Hub\'s /api/models list is both a registry (id, author, createdAt, pipeline_tag) and a measure of use: downloads over the last 30 days. Those are totals, not days, so the charts by day say so instead of inventing a series.',
    input: 'Input: data/hf-models.json, the list as the API returns it; format="hf-models".',
    attributes: { src: 'data/hf-models.json', format: 'hf-models' },
  },
  openrouter: {
    title: 'OpenRouter rankings',
    lede: 'OpenRouter\'s rankings-daily dataset: each day\'s top 50 models by tokens and an other row, which hubpulse counts as volume but not as a model. Its licence (CC BY 4.0) asks for the citation drawn under every chart.',
    input: 'Input: data/rankings.json; format="openrouter-rankings".',
    attributes: { rollups: 'data/rankings.json', format: 'openrouter-rankings' },
  },
};
const charts = [
  ['overview', 'overview', 'wide'], ['volume', 'volume', 'wide'], ['supply', 'supply-demand', ''],
  ['concentration', 'concentration', ''], ['leaderboard', 'leaderboard', 'wide tall'],
];

const name = new URLSearchParams(location.search).get('shape') ?? 'snapshots';
const shape = shapes[name] ?? shapes.snapshots;
document.title = `hubpulse — ${shape.title}`;
document.querySelector('#title').textContent = shape.title;
document.querySelector('#lede').textContent = shape.lede;
document.querySelector('#input').textContent = shape.input;
for (const [id, chart, layout] of charts) {
  const widget = document.createElement('hub-pulse');
  Object.assign(widget, { id, className: layout });
  for (const [attribute, value] of Object.entries({ ...shape.attributes, chart })) widget.setAttribute(attribute, value);
  document.querySelector('#charts').append(widget);
}
await import('./demo.js');

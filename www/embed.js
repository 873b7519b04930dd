// The embed builder: every field is an attribute of the preview widget (which updates
// live) and of the snippet to copy.
const form = document.querySelector('#builder');
const preview = document.querySelector('#preview');
const snippet = document.querySelector('#snippet');
const script = new URL('hubpulse.js', document.baseURI).href;

function attributes() {
  const data = new FormData(form);
  const out = [];
  for (const name of ['src', 'registry', 'chart', 'range', 'theme', 'model', 'stack', 'refresh']) {
    const value = String(data.get(name) ?? '').trim();
    if (value && !(name === 'theme' && value === 'auto')) out.push([name, value]);
  }
  return out;
}

function update() {
  const chosen = attributes();
  for (const name of ['src', 'registry', 'chart', 'range', 'theme', 'model', 'stack', 'refresh']) {
    const pair = chosen.find(([n]) => n === name);
    if (pair) preview.setAttribute(name, pair[1]);
    else preview.removeAttribute(name);
  }
  const quote = (v) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  // URLs in the snippet are absolute: it will be pasted into another site.
  const value = (n, v) => (['src', 'registry'].includes(n) ? new URL(v, document.baseURI).href : v);
  const attrs = chosen.map(([n, v]) => `${n}="${quote(value(n, v))}"`);
  snippet.textContent = `<script type="module" src="${script}"></script>\n<hub-pulse ${attrs.join(' ')}></hub-pulse>`;
}

form.addEventListener('input', update);
document.querySelector('#copy').addEventListener('click', () => navigator.clipboard?.writeText(snippet.textContent));
update();

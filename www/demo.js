// The demo page's light/dark switch: it sets `theme` on every widget (which redraws
// without refetching) and the page's own colours.
const button = document.querySelector('#theme');
const prefersDark = matchMedia('(prefers-color-scheme: dark)').matches;
function apply(dark) {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
  for (const widget of document.querySelectorAll('hub-pulse')) widget.setAttribute('theme', dark ? 'dark' : 'light');
  button.textContent = dark ? 'Light' : 'Dark';
  button.setAttribute('aria-pressed', String(dark));
}
button.addEventListener('click', () => apply(document.documentElement.dataset.theme !== 'dark'));
apply(prefersDark);

// The element's styles, as a constructable stylesheet: it works under a strict CSP (no
// inline <style>, no style=""), and the --hubpulse-* custom properties reach every part.
export const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :host { display: block; position: relative; height: 320px; min-width: 120px;
          font: 13px var(--hubpulse-font, system-ui, sans-serif);
          color: var(--hubpulse-text, #1b1e23); background: var(--hubpulse-background, #fff);
          border-radius: var(--hubpulse-radius, 8px); overflow: hidden; }
  :host([hidden]) { display: none; }
  :host([data-theme="dark"]) { color: var(--hubpulse-text, #e8eaed); background: var(--hubpulse-background, #171a1f); }
  :host(:focus-visible) { outline: 2px solid var(--hubpulse-focus, #0b4f8c); outline-offset: 2px; }
  canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
  .overlay { touch-action: pan-y; cursor: crosshair; }
  .status { position: absolute; inset: 0; display: flex; flex-direction: column; gap: 8px;
            align-items: center; justify-content: center; padding: 16px; text-align: center;
            background: inherit; overflow-wrap: anywhere; }
  [hidden] { display: none !important; }
  .status.error { color: var(--hubpulse-error, #b3261e); }
  :host([data-theme="dark"]) .status.error { color: var(--hubpulse-error, #f2b8b5); }
  progress { width: min(240px, 80%); }
  .notice { position: absolute; left: 8px; bottom: 4px; max-width: calc(100% - 16px); font-size: 11px;
            color: var(--hubpulse-muted, #5f6670); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .tooltip { position: absolute; pointer-events: none; min-width: 120px; max-width: 260px; padding: 8px 10px;
             font-size: 12px; line-height: 1.45; border-radius: 6px; overflow-wrap: anywhere; box-shadow: 0 2px 10px rgba(0,0,0,.18);
             background: var(--hubpulse-tooltip-background, #1b1e23); color: var(--hubpulse-tooltip-text, #fff); }
  :host([data-theme="dark"]) .tooltip { background: var(--hubpulse-tooltip-background, #e8eaed);
                                         color: var(--hubpulse-tooltip-text, #1b1e23); }
  .tooltip b { display: block; margin-bottom: 2px; }
  .tooltip .row { display: flex; justify-content: space-between; gap: 12px; }
  .tooltip .row span:last-child { font-variant-numeric: tabular-nums; font-weight: 600; }
  .chips { position: absolute; display: flex; gap: 4px; max-width: calc(100% - 32px); overflow: hidden; }
  .chips button { max-width: 16em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .tools { position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; }
  button { font: inherit; font-size: 12px; color: inherit; background: var(--hubpulse-control, rgba(127,127,127,.12));
           border: 0; border-radius: 5px; padding: 3px 8px; cursor: pointer; }
  button:hover { background: rgba(127,127,127,.24); }
  .menu { position: absolute; top: 34px; right: 8px; display: flex; flex-direction: column; min-width: 140px;
          padding: 4px; border-radius: 6px; background: inherit; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
  .menu button { text-align: left; background: transparent; }
  .panel { position: absolute; inset: 8px; overflow: auto; padding: 12px 14px; border-radius: 6px; font-size: 12px;
           background: inherit; box-shadow: 0 2px 12px rgba(0,0,0,.2); }
  .panel dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
  .panel dd { margin: 0; word-break: break-all; font-family: ui-monospace, monospace; }
  .panel h3 { margin: 0 0 4px; font-size: 13px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`);

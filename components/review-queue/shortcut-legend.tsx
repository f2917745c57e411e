const shortcuts: [string, string][] = [
  ["j / k", "next / previous"],
  ["a", "approve"],
  ["e", "edit, then approve"],
  ["r", "reject"],
  ["x", "select"],
  ["Enter", "save the edit"],
  ["Esc", "cancel the edit"],
];

/** The keyboard shortcuts of the review queue, always on screen. */
export function ShortcutLegend() {
  return (
    <section aria-label="Keyboard shortcuts" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-xs text-slate-600 shadow-sm">
      <h2 className="sr-only">Keyboard shortcuts</h2>
      <dl className="flex flex-wrap gap-x-5 gap-y-2">
        {shortcuts.map(([keys, action]) => (
          <div key={keys} className="flex items-center gap-1.5">
            <dt>
              {keys.split(" / ").map((key, index) => (
                <span key={key}>
                  {index > 0 ? " / " : null}
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-slate-800 shadow-sm">{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

import { markdownTable } from './markdownTable.mjs'

const range = (list) => (Math.min(...list) === Math.max(...list) ? `${list[0]}` : `${Math.min(...list)}–${Math.max(...list)}`)

/**
 * The storage coherence figures (bench/results/storage-coherence.json) as Markdown: a title, and
 * lines saying how they were measured followed by one table, a row per browser set-up and medium.
 * bench/storageCoherence.mjs prints it; bench/writeBenchmarks.mjs uses it.
 */
export function formatStorageCoherence({ tabCount, sectionCount, runs, media, setups }) {
  const header = ['set-up', 'medium', 'hand-offs', 'stale reads', 'stale / hand-offs, each run', `final counter (of ${sectionCount})`, 'median hand-off']
  const rows = setups.flatMap((setup) =>
    media.map((medium) => {
      const perRun = setup.results.map((row) => row[medium])
      const sameTab = perRun.reduce((sum, r) => sum + r.staleSameTab, 0)
      return [
        setup.name,
        medium,
        range(perRun.map((r) => r.handoffs)),
        `${range(perRun.map((r) => r.stale))}${sameTab > 0 ? ` (${sameTab} same-tab)` : ''}`,
        perRun.map((r) => `${r.stale}/${r.handoffs}`).join(', '),
        perRun.map((r) => r.finalValue).join(', '),
        `${range(perRun.map((r) => r.medianHandoffUs))} µs`,
      ]
    }),
  )
  const warnings = setups.flatMap((setup) => {
    const overlaps = setup.results.flatMap((row) => media.map((medium) => row[medium].overlaps)).reduce((a, b) => a + b, 0)
    const notes = []
    if (overlaps > 0) notes.push(`Warning (${setup.name}): ${overlaps} sections appear to overlap their predecessor in time; the ordering (and so the stale count) is unreliable.`)
    if (!setup.isolated) notes.push(`Warning (${setup.name}): the page was not cross-origin isolated, so grant times are only 100 µs apart at best.`)
    return notes
  })
  return {
    title: 'Storage coherence across tabs under a Web Lock',
    lines: [
      `${tabCount} tabs of one origin take a Web Lock ${sectionCount} times per medium per run, ${runs} runs; each critical section reads a counter, writes it + 1 and releases. ` +
        'A read is stale when it does not see the write of the section granted just before it; "hand-offs" are grants to another tab than the previous holder. ' +
        'The second set-up puts every tab in one renderer process, a control.',
      '',
      ...markdownTable(header, rows),
      '',
      `Renderer processes that tabs 2–${tabCount} added to the first tab's: ${setups.map((setup) => `${setup.added} (${setup.args.length ? setup.args.join(' ') : 'default'})`).join(', ')}.`,
      ...(warnings.length ? ['', ...warnings] : []),
    ],
  }
}

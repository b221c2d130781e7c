import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where every bench writes its figures (not committed); bench/writeBenchmarks.mjs reads them into BENCHMARKS.md. */
export const resultsDir = fileURLToPath(new URL('./results/', import.meta.url))

/**
 * Writes one measurement's figures to bench/results/<name>.json, stamped with the time of the run,
 * and, when given, its human-readable table to bench/results/<name>.md. Returns the paths written.
 */
export async function writeResult(name, figures, markdown) {
  await mkdir(resultsDir, { recursive: true })
  const written = [join(resultsDir, `${name}.json`)]
  await writeFile(written[0], `${JSON.stringify({ measuredAt: new Date().toISOString(), ...figures }, null, 2)}\n`)
  if (markdown !== undefined) {
    written.push(join(resultsDir, `${name}.md`))
    await writeFile(written[1], markdown)
  }
  return written.map((path) => `bench/results/${path.slice(resultsDir.length)}`)
}

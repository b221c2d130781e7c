import type { CheckResult } from './DoctorCheck.js'

const labels = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' } as const

/** One line per check: status, name, what was found and, where something is to be done, the fix. */
export function formatReport(results: readonly CheckResult[]): string[] {
  const width = Math.max(...results.map((result) => result.name.length))
  return results.map(({ status, name, detail, fix }) => `${labels[status]}  ${name.padEnd(width)}  ${detail}${fix ? ` — fix: ${fix}` : ''}`)
}

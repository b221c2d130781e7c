#!/usr/bin/env node
import process from 'node:process'

import { runDemoApiCli } from './runDemoApiCli.js'

process.exitCode = await runDemoApiCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
  waitForStop: () =>
    new Promise((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    }),
})

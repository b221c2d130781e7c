#!/usr/bin/env node
import process from 'node:process'
import { runCli } from './runCli.js'

process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
})

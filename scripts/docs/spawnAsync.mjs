// spawnSync's result, without blocking: the docs checks run their slow commands side by side.
import { spawn } from 'node:child_process'

export function spawnAsync(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', (error) => resolve({ status: 1, stdout, stderr: `${stderr}${error.message}` }))
    child.on('close', (status) => resolve({ status: status ?? 1, stdout, stderr }))
  })
}

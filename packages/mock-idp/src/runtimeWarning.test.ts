import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// Makes oidc-provider see Node 20 ("Iron"), the oldest this package supports, whatever runs the test.
const onNode20 = `Object.defineProperty(process, 'release', { value: { ...process.release, lts: 'Iron' } });`;

/** Runs an ES module script in a fresh Node process, where nothing has loaded oidc-provider yet. */
async function stderrOf(script: string): Promise<string> {
  const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', `${onNode20}\n${script}`], {
    cwd: packageDir,
  });
  return stderr;
}

// A hang guard, not a timing: each test starts a fresh Node process that loads oidc-provider, which
// takes several seconds on a busy two-core machine.
describe("oidc-provider's runtime warning", { timeout: 60_000 }, () => {
  let dir: string;
  let bundle: string;
  beforeAll(async () => {
    // Inside the package, so that the bundle's imports of oidc-provider and jose resolve as the dist's do.
    await mkdir(join(packageDir, 'test-results'), { recursive: true });
    dir = await mkdtemp(join(packageDir, 'test-results', 'runtime-warning-'));
    bundle = join(dir, 'index.mjs');
    await build({
      entryPoints: [join(packageDir, 'src/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      outfile: bundle,
      logLevel: 'silent',
    });
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is printed by oidc-provider itself on Node 20', async () => {
    expect(await stderrOf(`await import('oidc-provider');`)).toContain('Unsupported runtime');
  });

  it('is not printed when the mock IdP loads and runs on Node 20', async () => {
    const stderr = await stderrOf(`
      const { createMockIdp } = await import(${JSON.stringify(bundle)});
      const idp = await createMockIdp({ clients: [{ clientId: 'demo', redirectUris: ['http://127.0.0.1:5173/callback'] }] });
      const discovery = await fetch(idp.issuer + '/.well-known/openid-configuration');
      if (!discovery.ok) throw new Error('discovery answered ' + discovery.status);
      await idp.close();
    `);
    expect(stderr).not.toContain('Unsupported runtime');
  });
});

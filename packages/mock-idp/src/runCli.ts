import type { MockIdp } from './MockIdp.js';
import { MockIdpError } from './MockIdpError.js';
import type { MockClient } from './MockIdpOptions.js';
import { CliUsageError, parseCliArgs, usage } from './parseCliArgs.js';

export interface CliIo {
  out(text: string): void;
  error(text: string): void;
  /** Resolves when the IdP should stop (SIGINT or SIGTERM in the real CLI). */
  waitForStop(): Promise<unknown>;
}

/** Runs `latchkey-mock-idp` with its arguments and returns the exit code: 0, 1 (failed to start), 2 (bad usage). */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  let command;
  try {
    command = parseCliArgs(args);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    io.error(`latchkey-mock-idp: ${error.message}\nRun latchkey-mock-idp --help for usage.`);
    return 2;
  }
  if (command.kind === 'help') {
    io.out(usage);
    return 0;
  }

  let idp: MockIdp;
  try {
    // Loaded only now, so --help and usage errors answer without waiting for oidc-provider to load.
    const { createMockIdp } = await import('./createMockIdp.js');
    idp = await createMockIdp(command.options);
  } catch (error) {
    if (error instanceof MockIdpError) {
      io.error(`latchkey-mock-idp: ${error.message}\nRun latchkey-mock-idp --help for usage.`);
      return 2;
    }
    if (isAddressInUse(error)) {
      io.error(`latchkey-mock-idp: port ${command.options.port ?? ''} on 127.0.0.1 is already in use; pick another with --port.`);
      return 1;
    }
    throw error;
  }

  io.out(describeIdp(idp, command.options.clients));
  await io.waitForStop();
  await idp.close();
  return 0;
}

function describeIdp(idp: MockIdp, clients: readonly MockClient[]): string {
  const idWidth = Math.max(...clients.map((client) => client.clientId.length));
  const clientLines = clients.flatMap((client) =>
    client.redirectUris.map(
      (uri, index) =>
        `    ${(index === 0 ? client.clientId : '').padEnd(idWidth)}  ${uri}` +
        (index === 0 && client.refreshTokens === false ? '  (no refresh tokens)' : ''),
    ),
  );
  const credentials = idp.users.map((user) => `${user.username} / ${user.password}`);
  const credentialWidth = Math.max(...credentials.map((text) => text.length));
  const userLines = idp.users.map((user, index) => {
    const roles = user.claims.roles?.length ? ` (${user.claims.roles.join(', ')})` : '';
    return `    ${(credentials[index] ?? '').padEnd(credentialWidth)}  ${user.claims.name ?? ''}${roles}`;
  });
  return [
    'Latchkey Mock IdP is running.',
    '',
    `  Issuer  ${idp.issuer}`,
    ...(idp.coop ? ['  Pages   Cross-Origin-Opener-Policy: same-origin'] : []),
    '',
    '  Clients (redirect URIs)',
    ...clientLines,
    '',
    '  Test users (username / password)',
    ...userLines,
    '',
    'Press Ctrl+C to stop.',
  ].join('\n');
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}

import { escapeHtml } from './escapeHtml.js';
import { renderPage } from './renderPage.js';

/**
 * A page that only tells the user something: signed out, an error, an expired sign-in. It ends with
 * a link to each of `appOrigins`, so the user never reaches a dead end at the IdP.
 */
export function renderMessagePage(heading: string, lines: readonly string[], appOrigins: readonly string[]): string {
  const links = appOrigins.map((origin) => `<p><a href="${escapeHtml(`${origin}/`)}">Back to ${escapeHtml(origin)}</a></p>`);
  return renderPage({
    title: heading,
    body: [`<h1>${escapeHtml(heading)}</h1>`, ...lines.map((line) => `<p>${escapeHtml(line)}</p>`), ...links].join('\n'),
  });
}

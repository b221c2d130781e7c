import { escapeHtml } from './escapeHtml.js';
import { renderPage } from './renderPage.js';

/** A page that only tells the user something: signed out, an error, an expired sign-in. */
export function renderMessagePage(heading: string, lines: readonly string[]): string {
  return renderPage({
    title: heading,
    body: `<h1>${escapeHtml(heading)}</h1>\n${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}`,
  });
}

import { escapeHtml } from './escapeHtml.js';

export interface PageContent {
  title: string;
  /** Trusted HTML: every interpolated value in it must already be escaped. */
  body: string;
  /** Trusted inline script, run at the end of the body. */
  script?: string;
}

// Inline styles only: the IdP must work offline, so no web fonts or external assets.
const styles = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 0; padding: 2rem 1rem; }
  main { max-width: 24rem; margin: 0 auto; }
  h1 { font-size: 1.4rem; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; margin-top: .25rem; padding: .5rem; font: inherit; }
  button { margin-top: 1.25rem; margin-right: .5rem; padding: .5rem 1.25rem; font: inherit; cursor: pointer; }
  [role="alert"] { padding: .5rem .75rem; border: 1px solid #b00020; color: #b00020; }
  .hint { margin-top: 2rem; font-size: .9rem; opacity: .8; }
  code { font-size: .95em; }
`;

/** Wraps page content in the HTML document every mock IdP page shares. */
export function renderPage({ title, body, script }: PageContent): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · Latchkey Mock IdP</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>${script === undefined ? '' : `\n<script>${script}</script>`}
</body>
</html>
`;
}

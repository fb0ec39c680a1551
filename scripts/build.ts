// Builds what the browser loads: the stylesheet from GOV.UK Frontend's Sass, and its script.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build/public');
mkdirSync(out, { recursive: true });

const started = Date.now();
const css = sass.compile(path.join(root, 'src/styles/hearth.scss'), {
  loadPaths: [path.join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
});
writeFileSync(path.join(out, 'hearth.css'), css.css);
const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
copyFileSync(path.join(govuk, 'govuk-frontend.min.js'), path.join(out, 'govuk-frontend.min.js'));
console.log(`Built styles and scripts in ${Date.now() - started} ms`);

// Entry point CTest calls: skips (exit 77) when playwright-core is not installed, so a machine
// without `npm ci` here reports the browser tests as skipped rather than passed; otherwise runs
// the named test file.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) {
  console.log('SKIP: tests/browser/node_modules is missing; run scripts/test.sh (npm ci)');
  process.exit(77);
}
await import(pathToFileURL(path.join(here, process.argv[2])).href);

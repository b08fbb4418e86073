import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The servers serve the built renderer; say so plainly instead of failing on a 404 page. */
export default function globalSetup() {
  if (!existsSync(join(process.cwd(), 'out/renderer/index.html'))) {
    throw new Error(
      'out/renderer is missing: run `npm run build` (electron-vite build) before `npm run test:e2e`.',
    );
  }
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderApiReference } from './api-docs';

const target = join(process.cwd(), 'docs', 'api.md');
writeFileSync(target, renderApiReference());
console.log(`wrote ${target}`);

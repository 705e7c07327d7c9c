import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const SRC = resolve(__dirname);
const BACKEND = join(SRC, 'lib', 'backend');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

it('reaches Tauri only through lib/backend', () => {
  const offenders = files(SRC)
    .filter((path) => !path.startsWith(BACKEND))
    .filter((path) => /from\s+['"]@tauri-apps\/api/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(SRC, path));
  expect(offenders).toEqual([]);
});

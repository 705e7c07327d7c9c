import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `virtual:locale-names`: the code and own name (`locale.name`) of every catalog file in
 * locales/, so that the language lists do not need every catalog loaded (ui/src/shared/i18n.ts).
 */
function localeNames(): Plugin {
  const id = 'virtual:locale-names';
  const dir = resolve(__dirname, '..', 'locales');
  return {
    name: 'steward-locale-names',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const names: Record<string, string> = {};
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
        this.addWatchFile(join(dir, file));
        const catalog = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { locale?: { name?: string } };
        const code = file.replace(/\.json$/, '');
        names[code] = catalog.locale?.name ?? code;
      }
      return `export default ${JSON.stringify(names)};`;
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [localeNames()],
  esbuild: { jsx: 'automatic' },
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Areas load on demand; the first chunk is React, antd's core and the sign-in needs (~655 kB).
    // Warn when a chunk grows past that, e.g. when a screen is imported eagerly again.
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      onwarn(warning, warn) {
        // antd marks its modules "use client" for React Server Components; irrelevant in a bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/testing/setup.ts'],
  },
});

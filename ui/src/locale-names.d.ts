/** Made by vite.config.ts at build time: each catalog file in locales/ by code → its `locale.name`. */
declare module 'virtual:locale-names' {
  const names: Record<string, string>;
  export default names;
}

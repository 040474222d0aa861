/** The scenario and rule catalogue, validated at build time by the plugin in vite.config.ts. */
declare module 'virtual:servicedojo-catalog' {
  const catalog: import('../stores/use-catalog-store').BuiltCatalog;
  export default catalog;
}

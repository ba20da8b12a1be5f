declare module 'virtual:opsbook/config' {
  const config: import('./core/config.ts').SiteSettings;
  export default config;
  /** Absolute path of the project root. */
  export const root: string;
}

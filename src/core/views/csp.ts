/**
 * The Content-Security-Policy of every page: everything from the site's own
 * origin, nothing inline but styles (Mermaid's SVG carries its own), and
 * WebAssembly for Pagefind. Scripts are files of the site, never inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers for hosts that read a `_headers` file (Netlify, Cloudflare Pages); `frame-ancestors` only works as a header. */
export function headersFile(): string {
  return `/*\n  Content-Security-Policy: ${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n`;
}

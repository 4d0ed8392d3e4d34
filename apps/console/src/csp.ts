/**
 * The page's CSP nonce for styles (the API writes it into <meta property="csp-nonce">, a fresh
 * one with each page). Ant Design's CSS-in-JS takes it through ConfigProvider's `csp`; its
 * table and dialog helpers (@rc-component/util: scroll-bar measurement, scroll lock) create
 * <style> elements without asking, so every <style> element this page's own scripts create
 * carries it too. Markup injected any other way, and style attributes, stay refused.
 */
export function styleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  const nonce = meta?.nonce || undefined;
  if (!nonce || nonce === '__CSP_NONCE__') return undefined;
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (this: Document, tagName: string, options?: ElementCreationOptions) {
    const element = createElement.call(this, tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  } as typeof Document.prototype.createElement;
  return nonce;
}

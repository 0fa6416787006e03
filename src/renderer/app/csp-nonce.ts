// Reads the per-load CSP nonce the host writes into index.html, for ag-grid's injected <style> elements.

const PLACEHOLDER = '__CSP_NONCE__';

/** The nonce, or undefined when the page was served without one (mock/dev: no CSP). */
export function readCspNonce(doc: Document = document): string | undefined {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="arrayport-csp-nonce"]')?.content;
  return content && content !== PLACEHOLDER ? content : undefined;
}

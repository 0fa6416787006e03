// The app:// origin and which pages may call the host (no electron import, so Node tests cover it).

export const APP_ORIGIN = 'app://arrayport';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Which page URLs may call the host over IPC: the app:// page, or in development only the dev server's origin. */
export function trustedPageCheck(devUrl: string | undefined): (url: string) => boolean {
  // Not URL.origin: for a non-special scheme such as app: it is the opaque 'null', which would match any such URL.
  const key = (u: URL): string => `${u.protocol}//${u.host}`;
  const expected = devUrl ? key(new URL(devUrl)) : APP_ORIGIN;
  return (url) => {
    try {
      return key(new URL(url)) === expected;
    } catch {
      return false;
    }
  };
}

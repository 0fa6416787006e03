// `arrayport serve` (filled in with the browser host).
export async function runServe(_argv: string[]): Promise<number> {
  throw new Error('serve is not available yet');
}

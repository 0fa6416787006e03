// `arrayport convert FILE... -o OUT.h5` (filled in with the exporter).
export async function runConvert(_argv: string[]): Promise<number> {
  throw new Error('convert is not available yet');
}

// One self-overwriting progress line on a terminal; silent when stderr is a file or a pipe, so logs stay clean.

export class ProgressLine {
  private shown = false;
  private last = 0;

  constructor(private readonly out: NodeJS.WriteStream) {}

  show(text: string): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    // Terminals flicker above ~10 redraws a second and it costs the event loop for nothing.
    if (now - this.last < 100) return;
    this.last = now;
    const width = Math.max(20, (this.out.columns ?? 100) - 1);
    this.out.write(`\r\x1b[K${text.slice(0, width)}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.out.write('\r\x1b[K');
    this.shown = false;
  }
}

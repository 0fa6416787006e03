// A tiny typed listener set: subscribe returns its own unsubscribe, emit never lets one listener break the others.

export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  emit(value: T): void {
    for (const l of [...this.set]) {
      try {
        l(value);
      } catch {
        // A broken listener (a closed socket, a destroyed window) must not stop the others.
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}

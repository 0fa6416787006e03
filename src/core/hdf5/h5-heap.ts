// One write buffer in the wasm heap, reused for every block of an export.

import type { H5Module } from './h5-module.js';

/**
 * Allocating per block would fragment a heap that never shrinks; one buffer sized for the
 * largest block keeps the heap near (block + HDF5's chunk buffers) whatever the file size.
 */
export class HeapBuffer {
  private ptr = 0;
  private size = 0;

  constructor(private readonly module: H5Module) {}

  /** A pointer to at least `bytes` bytes; contents are not preserved when it grows. */
  reserve(bytes: number): number {
    if (bytes <= this.size && this.ptr !== 0) return this.ptr;
    this.free();
    const ptr = this.module._malloc(Math.max(1, bytes));
    if (!ptr) throw new Error(`cannot allocate ${bytes} bytes in the wasm heap for the HDF5 write buffer`);
    this.ptr = ptr;
    this.size = bytes;
    return ptr;
  }

  /**
   * The heap as bytes. Fetch it again after every wasm call: growing memory replaces the
   * underlying ArrayBuffer and an old view becomes detached (length 0).
   */
  heap(): Uint8Array {
    return this.module.HEAPU8;
  }

  free(): void {
    if (this.ptr !== 0) this.module._free(this.ptr);
    this.ptr = 0;
    this.size = 0;
  }
}

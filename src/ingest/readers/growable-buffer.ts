/**
 * A byte buffer that grows by doubling, reused from record to record so tokenising a file
 * allocates almost nothing per row.
 */
export class GrowableBuffer {
  bytes: Buffer = Buffer.allocUnsafe(4096);
  length = 0;

  push(byte: number): void {
    if (this.length === this.bytes.length) this.grow(this.length + 1);
    this.bytes[this.length++] = byte;
  }

  append(source: Buffer, start: number, end: number): void {
    const count = end - start;
    if (count <= 0) return;
    if (this.length + count > this.bytes.length) this.grow(this.length + count);
    // CSV fields are short, and a native copy costs more than a loop over a few dozen bytes.
    if (count < 64) {
      const bytes = this.bytes;
      let length = this.length;
      for (let index = start; index < end; index++) bytes[length++] = source[index];
      this.length = length;
    } else {
      source.copy(this.bytes, this.length, start, end);
      this.length += count;
    }
  }

  reset(): void {
    this.length = 0;
    // A pathological record may have grown the buffer; give the memory back.
    if (this.bytes.length > 1 << 20) this.bytes = Buffer.allocUnsafe(4096);
  }

  private grow(minimum: number): void {
    let size = this.bytes.length * 2;
    while (size < minimum) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.bytes.copy(next, 0, 0, this.length);
    this.bytes = next;
  }
}

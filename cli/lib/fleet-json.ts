import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The elements of a file holding a JSON array of objects, exactly as JSON.parse of the whole file
 * (decoded as readFleetFile decodes it) would give them — or undefined when the file is anything
 * else or cut in a way this reader does not follow; the caller then reads the file whole and words
 * the error. Errors opening or reading the file are thrown as they come.
 *
 * Why in pieces: JSON.parse of a whole 100k-VPC file needed a 17 MB buffer, an ASCII check and a
 * 17 MB string first, about a third of the read (fresh memory is slow to touch the first time). Here
 * the file goes through one reused buffer and JSON.parse sees ~64 KB at a time, cut after a `}`.
 * A cut inside a string or a nested value leaves a piece JSON.parse rejects, so a piece that parses
 * ends exactly after an element of the array: pieces that all parse give the whole file's elements.
 */
export function readJsonArrayInPieces(path: string, pieceBytes = PIECE): unknown[] | undefined {
  const fd = openSync(path, 'r');
  try {
    return readPieces(new Window(fd, pieceBytes));
  } finally {
    closeSync(fd);
  }
}

/** Bytes handed to one JSON.parse (tests pass fewer): small enough for the young generation, big enough to keep calls few. */
export const PIECE = 64 * 1024;
/** JSON's structural bytes, for the readers of fleet files (here and fleet-scan.ts). */
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const COMMA = 0x2c;

/** JSON whitespace: space, line feed, carriage return, tab. */
export function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function readPieces(input: Window): unknown[] | undefined {
  const elements: unknown[] = [];
  if (input.token() !== OPEN_ARRAY) return undefined;
  input.at++;
  if (input.token() === CLOSE_ARRAY) {
    input.at++;
    return input.token() === -1 ? elements : undefined;
  }
  for (;;) {
    if (input.token() !== OPEN_OBJECT) return undefined;
    const end = input.pieceEnd();
    if (end < 0) return undefined;
    let piece: unknown[];
    try {
      piece = JSON.parse(input.arrayText(end)) as unknown[];
    } catch {
      return undefined;
    }
    for (const element of piece) elements.push(element);
    input.at = end;
    const next = input.token();
    input.at++;
    if (next === CLOSE_ARRAY) return input.token() === -1 ? elements : undefined;
    if (next !== COMMA) return undefined;
  }
}

/**
 * A window on the file through one buffer, slid and refilled as reading moves on; grown only for a
 * piece bigger than it. One byte is kept free before and after the bytes read, for arrayText.
 */
export class Window {
  buf: Buffer;
  /** buf[at … len) is still to read; at ≥ 1 and len < buf.length always. */
  at = 1;
  len = 1;
  eof = false;

  constructor(private readonly fd: number, private readonly piece: number) {
    this.buf = Buffer.allocUnsafe(16 * piece);
    this.fill();
  }

  /**
   * buf[at … end) as the text of a JSON array: the bytes just before and after are `[` and `]`
   * meanwhile, which spares joining strings (a copy of the whole file, ~6% of the read).
   */
  arrayText(end: number): string {
    const { buf, at } = this;
    const before = buf[at - 1];
    const after = buf[end];
    buf[at - 1] = OPEN_ARRAY;
    buf[end] = CLOSE_ARRAY;
    const bytes = buf.subarray(at - 1, end + 1);
    const text = decode(bytes);
    buf[at - 1] = before;
    buf[end] = after;
    return text;
  }

  /** The byte at the next non-whitespace position (moving there), or -1 at the end of the file. */
  token(): number {
    for (;;) {
      const { buf } = this;
      while (this.at < this.len) {
        const c = buf[this.at];
        if (!isJsonSpace(c)) return c;
        this.at++;
      }
      if (this.eof) return -1;
      this.fill();
    }
  }

  /** One past the last `}` within a piece's bytes from `at` (or the first past them, for a longer element); -1 if none. */
  pieceEnd(): number {
    if (this.len - this.at < this.piece) this.fill();
    for (let end = Math.min(this.len, this.at + this.piece); end > this.at; end--) {
      if (this.buf[end - 1] === CLOSE_OBJECT) return end;
    }
    for (let end = this.at + this.piece; ; end++) {
      if (end >= this.len) {
        if (this.eof) return -1;
        const before = this.at;
        this.fill();
        end -= before - this.at;
      }
      if (this.buf[end] === CLOSE_OBJECT) return end + 1;
    }
  }

  /** Move buf[at … len) to the front (after the free byte) and read after it until the buffer is full or the file ends. */
  fill(): void {
    const kept = this.len - this.at;
    const room = this.buf.length - 1;
    if (this.at === 1 && this.len === room) {
      const grown = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(grown, 1, 1, this.len);
      this.buf = grown;
    } else if (this.at > 1) this.buf.copy(this.buf, 1, this.at, this.len);
    this.at = 1;
    this.len = 1 + kept;
    while (!this.eof && this.len < this.buf.length - 1) {
      const read = readSync(this.fd, this.buf, this.len, this.buf.length - 1 - this.len, null);
      if (read === 0) this.eof = true;
      this.len += read;
    }
  }
}

/**
 * Pure: the file's text. ASCII (fleet files nearly always are) is read as one byte per character,
 * no UTF-8 decoding: about 0.1 s less on a 17 MB file, and the resulting string parses faster.
 */
export function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

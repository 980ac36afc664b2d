/**
 * FleetColumns as fleet-scan.ts reads a file: grown as it goes, with each element's additions taken
 * back when the element has to be read again (mark, rollback).
 */
import type { FleetColumns } from '../../handlers/lib/cidr';
import { plainV4 } from '../../handlers/lib/cidr/fast-cidr';
import { firstDuplicate } from './fleet-file';

export class ColumnsBuilder {
  private readonly vpcIds: string[] = [];
  private readonly accounts: Array<string | undefined> = [];
  private readonly regions: Array<string | undefined> = [];
  private v4Start: Uint32Array;
  private v4Prefix: Uint8Array;
  private v4In: Int32Array;
  private v4Count = 0;
  private readonly texts: string[] = [];
  private readonly textIn: number[] = [];
  private markV4 = 0;
  private markTexts = 0;
  /** Account and region strings met so far, by a hash of their bytes: one string each, not one per VPC. */
  private readonly known = new Map<number, string>();

  constructor(size: number) {
    this.v4Start = new Uint32Array(size);
    this.v4Prefix = new Uint8Array(size);
    this.v4In = new Int32Array(size);
  }

  get vpcCount(): number {
    return this.vpcIds.length;
  }

  mark(): void {
    this.markV4 = this.v4Count;
    this.markTexts = this.texts.length;
  }

  rollback(): void {
    this.v4Count = this.markV4;
    this.texts.length = this.textIn.length = this.markTexts;
  }

  addVpc(vpcId: string, account: string | undefined, region: string | undefined): void {
    this.vpcIds.push(vpcId);
    this.accounts.push(account);
    this.regions.push(region);
  }

  addCidr(buf: Buffer, from: number, to: number, entry: number): void {
    const block = plainV4(buf, from, to);
    if (block < 0) {
      this.texts.push(buf.toString('latin1', from, to));
      this.textIn.push(entry);
      return;
    }
    if (this.v4Count === this.v4Prefix.length) this.grow();
    const k = this.v4Count++;
    this.v4Start[k] = Math.floor(block / 64);
    this.v4Prefix[k] = block % 64;
    this.v4In[k] = entry;
  }

  /** The string of buf[from … to), the same string each time these bytes come (up to 256 distinct). */
  shared(buf: Buffer, from: number, to: number): string {
    let h = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const known = this.known.get(h);
    if (known !== undefined && known.length === to - from) {
      let same = true;
      for (let j = 0; j < known.length && same; j++) same = known.charCodeAt(j) === buf[from + j];
      if (same) return known;
    }
    const text = buf.toString('latin1', from, to);
    if (known === undefined && this.known.size < 256) this.known.set(h, text);
    return text;
  }

  /** No vpcId twice: a repeated one is for readFleetFile to report. */
  distinct(): boolean {
    return firstDuplicate(this.vpcIds) === undefined;
  }

  finish(): FleetColumns {
    return {
      vpcIds: this.vpcIds,
      accounts: this.accounts,
      regions: this.regions,
      v4Start: this.v4Start,
      v4Prefix: this.v4Prefix,
      v4In: this.v4In,
      v4Count: this.v4Count,
      texts: this.texts,
      textIn: Int32Array.from(this.textIn),
    };
  }

  private grow(): void {
    const size = this.v4Prefix.length * 2;
    const start = new Uint32Array(size); start.set(this.v4Start); this.v4Start = start;
    const prefix = new Uint8Array(size); prefix.set(this.v4Prefix); this.v4Prefix = prefix;
    const inAt = new Int32Array(size); inAt.set(this.v4In); this.v4In = inAt;
  }
}

/** EC2-style resource IDs: a prefix and 17 lowercase hex digits (`vpc-0a1b2c3d4e5f67890`). */
import { randomBytes } from 'node:crypto';

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** The MAC-address look of ENIs (locally administered, so never a real vendor's). */
export function newMac(): string {
  const b = randomBytes(5);
  return ['02', ...[...b].map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

/** Real Squid for tests and the local cloud. */
export { startSquid } from './runner';
export type { RunningSquid, StartSquidOptions, StopOptions } from './runner';
export { findSquidBinary, requireSquidBinary, SquidNotInstalledError } from './binary';
export { parseSquidConfig, EXPECTED_WARNINGS } from './check-config';
export type { ParseResult } from './check-config';

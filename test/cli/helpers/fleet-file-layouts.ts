/** Ways a fleet file may be written, for the property tests of the `--input` readers. */
import fc from 'fast-check';

/** JSON.stringify with an indent, or with extra whitespace around every structural character. */
export const layout = fc.constantFrom<(v: unknown) => string>(
  (v) => JSON.stringify(v),
  (v) => JSON.stringify(v, null, 2),
  (v) => JSON.stringify(v, null, '\t'),
  (v) => ` \r\n${JSON.stringify(v).replace(/([{}[\],:])(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, ' $1\n')}\n`,
);

/** Window sizes for the readers: small ones put cuts everywhere (inside strings, in elements longer than a piece). */
export const pieceBytes = fc.constantFrom(8, 33, 256, 64 * 1024);

import { CidrBlock } from './block';

/**
 * The containment forest of distinct blocks. CIDR blocks are laminar (nested or disjoint), so after
 * sorting by (family, start asc, prefix asc) one stack sweep finds every block's parent, and each
 * block's descendants are exactly the contiguous index range (i, subtreeEnd[i]). Roots (maximal
 * blocks) split the address space into independent components. O(n log n) for the sort, O(n) after.
 */
export interface Forest {
  /** Distinct blocks in sweep order. */
  readonly blocks: readonly CidrBlock[];
  /** Index of the smallest enclosing block, or -1 for a root. */
  readonly parent: Int32Array;
  /** One past the last descendant: descendants of i are i+1 … subtreeEnd[i]-1. */
  readonly subtreeEnd: Int32Array;
  /** Component (= root) number of each block. */
  readonly component: Int32Array;
  readonly componentCount: number;
}

/** `blocks` must be distinct and sorted with compareBlocks. */
export function buildForest(blocks: readonly CidrBlock[]): Forest {
  const n = blocks.length;
  const parent = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  const component = new Int32Array(n);
  const stack: number[] = [];
  let componentCount = 0;
  for (let i = 0; i < n; i++) {
    const block = blocks[i];
    // Pop every open block that does not contain this one; it cannot contain anything later either.
    while (stack.length > 0) {
      const top = blocks[stack[stack.length - 1]];
      if (top.family === block.family && block.start <= top.end) break;
      subtreeEnd[stack.pop()!] = i;
    }
    if (stack.length === 0) {
      parent[i] = -1;
      component[i] = componentCount++;
    } else {
      parent[i] = stack[stack.length - 1];
      component[i] = component[parent[i]];
    }
    stack.push(i);
  }
  while (stack.length > 0) subtreeEnd[stack.pop()!] = n;
  return { blocks, parent, subtreeEnd, component, componentCount };
}

/**
 * Graph helpers over nodes numbered 0..n-1 with adjacency lists. All are iterative (a 10,000-node chain must not
 * overflow the stack) and linear in nodes + edges, except ancestry, which is O(n · edges / 32) with bitsets.
 */

/** Kahn's algorithm; `null` when the graph has a cycle. */
export function topologicalOrder(successors: readonly (readonly number[])[]): number[] | null {
  const count = successors.length;
  const indegree = new Int32Array(count);
  for (const targets of successors) for (const target of targets) indegree[target]! += 1;
  const order: number[] = [];
  for (let node = 0; node < count; node++) if (indegree[node] === 0) order.push(node);
  for (let head = 0; head < order.length; head++) {
    for (const target of successors[order[head]!]!) {
      indegree[target]! -= 1;
      if (indegree[target] === 0) order.push(target);
    }
  }
  return order.length === count ? order : null;
}

/** One concrete cycle per strongly connected component that has one (Tarjan's algorithm, iterative). */
export function findCycles(successors: readonly (readonly number[])[]): number[][] {
  const count = successors.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  const components: number[][] = [];
  let nextIndex = 0;
  for (let root = 0; root < count; root++) {
    if (index[root] !== -1) continue;
    const work: [node: number, edge: number][] = [[root, 0]];
    index[root] = low[root] = nextIndex++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [node, edge] = frame;
      const targets = successors[node]!;
      if (edge < targets.length) {
        frame[1] = edge + 1;
        const target = targets[edge]!;
        if (index[target] === -1) {
          index[target] = low[target] = nextIndex++;
          stack.push(target);
          onStack[target] = 1;
          work.push([target, 0]);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node]!, index[target]!);
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]]!, low[node]!);
      if (low[node] !== index[node]) continue;
      const component: number[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(member);
      } while (member !== node);
      const selfLoop = component.length === 1 && successors[node]!.includes(node);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  }
  return components.map((component) => cycleWithin(component, successors));
}

/** Walks edges inside a strongly connected component until a node repeats; the repeated stretch is a cycle. */
function cycleWithin(component: number[], successors: readonly (readonly number[])[]): number[] {
  const members = new Set(component);
  const seenAt = new Map<number, number>();
  const walk: number[] = [];
  let node = Math.min(...component);
  while (!seenAt.has(node)) {
    seenAt.set(node, walk.length);
    walk.push(node);
    node = successors[node]!.find((target) => members.has(target))!;
  }
  return walk.slice(seenAt.get(node));
}

/** Marks every node reachable from `roots` along edges. */
export function reachableFrom(successors: readonly (readonly number[])[], roots: readonly number[]): Uint8Array {
  const reached = new Uint8Array(successors.length);
  const queue = [...roots];
  for (const root of roots) reached[root] = 1;
  for (let head = 0; head < queue.length; head++) {
    for (const target of successors[queue[head]!]!) {
      if (reached[target]) continue;
      reached[target] = 1;
      queue.push(target);
    }
  }
  return reached;
}

export interface Ancestry {
  /** True when `ancestor` can reach `node` along edges (a node is not its own ancestor unless on a cycle). */
  isAncestor(ancestor: number, node: number): boolean;
}

/**
 * Ancestor sets. With a topological order they are bitsets built in one pass (each node ORs its predecessors');
 * on a cyclic graph (which compile rejects anyway) each node's set is found by a reverse search on demand.
 */
export function createAncestry(predecessors: readonly (readonly number[])[], order: readonly number[] | null): Ancestry {
  const count = predecessors.length;
  const words = (count + 31) >>> 5;
  if (order) {
    const bits = new Uint32Array(count * words);
    for (const node of order) {
      const base = node * words;
      for (const predecessor of predecessors[node]!) {
        const from = predecessor * words;
        for (let word = 0; word < words; word++) bits[base + word]! |= bits[from + word]!;
        bits[base + (predecessor >>> 5)]! |= 1 << (predecessor & 31);
      }
    }
    return { isAncestor: (ancestor, node) => (bits[node * words + (ancestor >>> 5)]! & (1 << (ancestor & 31))) !== 0 };
  }
  const memo = new Map<number, Uint8Array>();
  const ancestorsOf = (node: number): Uint8Array => {
    let found = memo.get(node);
    if (found) return found;
    found = new Uint8Array(count);
    const queue = [node];
    for (let head = 0; head < queue.length; head++) {
      for (const predecessor of predecessors[queue[head]!]!) {
        if (found[predecessor]) continue;
        found[predecessor] = 1;
        queue.push(predecessor);
      }
    }
    memo.set(node, found);
    return found;
  };
  return { isAncestor: (ancestor, node) => ancestorsOf(node)[ancestor] === 1 };
}

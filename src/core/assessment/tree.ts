import { AssessmentError } from './errors.ts';
import type { Direction, TreeNode } from './model.ts';

export interface IndicatorTree {
  root: string;
  nodes: ReadonlyMap<string, TreeNode>;
  /** Leaf codes in input order. */
  indicators: string[];
  /** Aggregate codes, children before parents (evaluation order). */
  aggregates: string[];
  children: ReadonlyMap<string, string[]>;
  /** Level as COINr counts it: 1 for indicators, 1 + highest child level for aggregates. */
  level: ReadonlyMap<string, number>;
  direction: ReadonlyMap<string, Direction>;
  /** Highest level (the root's). */
  maxLevel: number;
}

/**
 * Validates an indicator tree of any depth and derives what the steps need. Rejects duplicate
 * codes, unknown parents (orphans), several roots, cycles, bad weights and directions, and
 * sibling groups whose weights sum to zero.
 */
export function buildTree(nodes: readonly TreeNode[]): IndicatorTree {
  const byCode = new Map<string, TreeNode>();
  for (const n of nodes) {
    if (typeof n.code !== 'string' || n.code.length === 0) {
      throw new AssessmentError('TREE_INVALID', 'A tree node has an empty code.', { field: 'code' });
    }
    if (byCode.has(n.code)) {
      throw new AssessmentError('TREE_INVALID', `Tree node code ${n.code} appears twice.`, {
        indicator: n.code,
        field: 'code',
      });
    }
    byCode.set(n.code, n);
  }
  if (byCode.size === 0) throw new AssessmentError('TREE_INVALID', 'The indicator tree is empty.', { field: 'tree' });

  const roots: string[] = [];
  const children = new Map<string, string[]>();
  for (const n of nodes) children.set(n.code, []);
  for (const n of nodes) {
    if (n.parent === null || n.parent === undefined) {
      roots.push(n.code);
      continue;
    }
    const siblings = children.get(n.parent);
    if (siblings === undefined) {
      throw new AssessmentError(
        'TREE_ORPHAN',
        `Tree node ${n.code} names parent ${n.parent}, which is not in the tree.`,
        { indicator: n.code, field: 'parent', value: n.parent },
      );
    }
    siblings.push(n.code);
  }

  // Cycles first: a node on a cycle never reaches a root, which would otherwise look like an orphan.
  for (const n of nodes) {
    const seen = new Set<string>();
    let cur: string | null | undefined = n.code;
    while (cur !== null && cur !== undefined) {
      if (seen.has(cur)) {
        throw new AssessmentError('TREE_CYCLE', `The tree has a cycle through ${cur} (reached from ${n.code}).`, {
          indicator: cur,
          field: 'parent',
        });
      }
      seen.add(cur);
      cur = byCode.get(cur)?.parent;
    }
  }
  if (roots.length === 0) throw new AssessmentError('TREE_INVALID', 'The tree has no root.', { field: 'parent' });
  if (roots.length > 1) {
    throw new AssessmentError(
      'TREE_ORPHAN',
      `The tree has ${roots.length} nodes without a parent (${roots.join(', ')}); exactly one root (the index) is allowed.`,
      { indicator: roots[1]!, field: 'parent' },
    );
  }
  const root = roots[0]!;

  const indicators: string[] = [];
  const direction = new Map<string, Direction>();
  for (const n of nodes) {
    const kids = children.get(n.code)!;
    const kind = n.kind ?? (kids.length === 0 ? 'indicator' : 'aggregate');
    if (kind === 'indicator' && kids.length > 0) {
      throw new AssessmentError('TREE_INVALID', `Indicator ${n.code} has children (${kids.join(', ')}).`, {
        indicator: n.code,
        field: 'kind',
      });
    }
    if (kind === 'aggregate' && kids.length === 0) {
      throw new AssessmentError('TREE_INVALID', `Aggregate ${n.code} has no children.`, {
        indicator: n.code,
        field: 'kind',
      });
    }
    if (typeof n.weight !== 'number' || !Number.isFinite(n.weight) || n.weight < 0) {
      throw new AssessmentError('WEIGHT_INVALID', `Weight of ${n.code} must be a finite number ≥ 0, got ${String(n.weight)}.`, {
        indicator: n.code,
        field: 'weight',
        value: n.weight,
      });
    }
    if (kind === 'indicator') {
      const d = n.direction ?? 1;
      if (d !== 1 && d !== -1) {
        throw new AssessmentError('TREE_INVALID', `Direction of ${n.code} must be 1 or -1, got ${String(d)}.`, {
          indicator: n.code,
          field: 'direction',
          value: d,
        });
      }
      direction.set(n.code, d);
      indicators.push(n.code);
    }
  }
  if (indicators.length === 0) throw new AssessmentError('TREE_INVALID', 'The tree has no indicators.', { field: 'tree' });

  for (const [code, kids] of children) {
    if (kids.length === 0) continue;
    let s = 0;
    for (const k of kids) s += byCode.get(k)!.weight;
    if (!(s > 0)) {
      throw new AssessmentError('WEIGHTS_SUM_ZERO', `The weights of the children of ${code} sum to zero.`, {
        indicator: code,
        field: 'weight',
      });
    }
  }

  const level = new Map<string, number>();
  const aggregates: string[] = [];
  const visit = (code: string): number => {
    const known = level.get(code);
    if (known !== undefined) return known;
    const kids = children.get(code)!;
    let l = 1;
    for (const k of kids) l = Math.max(l, visit(k) + 1);
    level.set(code, l);
    if (kids.length > 0) aggregates.push(code);
    return l;
  };
  visit(root);
  // Nodes not reachable from the root cannot exist here: every chain ends at the single root.
  aggregates.sort((a, b) => level.get(a)! - level.get(b)!);

  return { root, nodes: byCode, indicators, aggregates, children, level, direction, maxLevel: level.get(root)! };
}

/** Siblings' weights renormalised to sum to 1. */
export function normalisedChildWeights(tree: IndicatorTree, parent: string, weights?: ReadonlyMap<string, number>): number[] {
  const kids = tree.children.get(parent) ?? [];
  const w = kids.map((k) => weights?.get(k) ?? tree.nodes.get(k)!.weight);
  const s = w.reduce((a, b) => a + b, 0);
  if (!(s > 0)) {
    throw new AssessmentError('WEIGHTS_SUM_ZERO', `The weights of the children of ${parent} sum to zero.`, {
      indicator: parent,
      field: 'weight',
    });
  }
  return w.map((x) => x / s);
}

/** Path of codes from a node up to the root, node first. */
export function lineage(tree: IndicatorTree, code: string): string[] {
  const out: string[] = [];
  let cur: string | null | undefined = code;
  while (cur !== null && cur !== undefined) {
    out.push(cur);
    cur = tree.nodes.get(cur)?.parent;
  }
  return out;
}

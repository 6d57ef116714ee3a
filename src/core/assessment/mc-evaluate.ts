import { aggregateNode, isComplete } from './aggregate.ts';
import { addWeightedBlocks4, BATCH, convertSpace, fromSpace, weightedSums4 } from './mc-kernels.ts';
import type { McAggregation, McMatrix, McNode, McPlan } from './mc-plan.ts';

/**
 * Evaluates the index for up to BATCH Monte Carlo runs that share a normalisation matrix and an
 * aggregation choice (they differ in their weights). Every buffer is allocated once here; a
 * batch allocates nothing.
 *
 * The children's weights are divided by their sum before the matrix product, so the product is
 * already the weighted mean (no division pass); only units with a missing child are divided by
 * the share of weight present. Each aggregate's result is kept in the space of its power mean
 * (mc-kernels.ts toSpace), per run, and converted only when a parent uses another mean. Aggregates with Copeland, or whose
 * children hold a value the mean cannot take, go through the generic aggregateNode, which
 * computes Copeland and raises the error that names the unit and the child.
 */
export class BatchEvaluator {
  private readonly n: number;
  /** Every aggregate for the BATCH runs: aggregate a's block at a·BATCH·n, run r at offset r·n in it. */
  private readonly Y: Float64Array;
  /** out[a]: aggregate a's block of Y (where the matrix product writes). */
  private readonly out: Float64Array[];
  /** view[a·BATCH + r]: run r's part of out[a], in space spaceOf[a·BATCH + r]. */
  private readonly view: Float64Array[];
  private readonly spaceOf: Float64Array;
  private readonly completeOf: Uint8Array;
  private readonly W: Float64Array;
  private readonly wTotal = new Float64Array(BATCH);
  private readonly wsum: Float64Array;
  private readonly present: Float64Array;
  private readonly scratch: Float64Array;
  private readonly rootBuf: Float64Array;

  constructor(private readonly plan: McPlan) {
    const n = (this.n = plan.n);
    const slots = plan.nodes.length * BATCH;
    this.Y = new Float64Array(plan.nodes.length * BATCH * n);
    this.out = plan.nodes.map((_, a) => this.Y.subarray(a * BATCH * n, (a + 1) * BATCH * n));
    this.view = Array.from({ length: slots }, (_, s) => this.out[Math.floor(s / BATCH)]!.subarray((s % BATCH) * n, (s % BATCH + 1) * n));
    this.spaceOf = new Float64Array(slots);
    this.completeOf = new Uint8Array(slots);
    const maxKids = Math.max(...plan.nodes.map((nd) => nd.kids.length));
    this.W = new Float64Array(maxKids * BATCH);
    this.wsum = new Float64Array(n);
    this.present = new Float64Array(n);
    this.scratch = new Float64Array(n);
    this.rootBuf = new Float64Array(n);
  }

  /**
   * Runs r < count: weights are nominal × (1 + amp·(2u − 1)) with u = noise[noiseAt[r] + idx],
   * or nominal when noiseAt[r] < 0.
   */
  evaluate(m: McMatrix, agg: readonly McAggregation[], noise: Float64Array, noiseAt: Int32Array, amp: number, count: number): void {
    const { plan, n, W, wTotal } = this;
    for (let a = 0; a < plan.nodes.length; a++) {
      const nd = plan.nodes[a]!;
      const ag = agg[a]!;
      const k = nd.kids.length;
      for (let q = 0; q < k; q++) {
        const w0 = nd.nominal[q]!;
        const idx = nd.noiseIdx[q]!;
        for (let r = 0; r < BATCH; r++) {
          const at = noiseAt[r < count ? r : 0]!;
          W[q * BATCH + r] = at < 0 || idx < 0 ? w0 : w0 * (1 + amp * (2 * noise[at + idx]! - 1));
        }
      }
      for (let r = 0; r < BATCH; r++) {
        let t = 0;
        for (let q = 0; q < k; q++) t += W[q * BATCH + r]!;
        wTotal[r] = t;
        if (t > 0) for (let q = 0; q < k; q++) W[q * BATCH + r] = W[q * BATCH + r]! / t;
      }
      const p = ag.p;
      if (p !== p) {
        for (let r = 0; r < count; r++) this.generic(a, r, m, ag);
        continue;
      }
      if (nd.nRows > 0) {
        const sp = this.plan.space(m, p);
        let ok = true;
        for (let q = 0; q < nd.nRows; q++) if (sp.valid[nd.row0 + q] === 0) ok = false;
        if (!ok) {
          for (let r = 0; r < count; r++) this.generic(a, r, m, ag);
          continue;
        }
        weightedSums4(sp.X, n, nd.row0, nd.nRows, W, this.out[a]!);
      }
      if (this.allPlain(a, nd, m, ag, count)) {
        // The common case: no missing value, every child already in this mean's space.
        if (nd.aggKids.length > 0) addWeightedBlocks4(this.Y, n, nd.aggKids, W, nd.nRows * BATCH, a, nd.nRows > 0);
        for (let r = 0; r < count; r++) {
          this.spaceOf[a * BATCH + r] = p;
          this.completeOf[a * BATCH + r] = 1;
        }
        continue;
      }
      if (nd.nRows === 0) this.out[a]!.fill(0);
      for (let r = 0; r < count; r++) this.finishRun(a, r, nd, m, ag);
    }
  }

  /** Whether node a needs no per-unit care in any run of the batch (see finishRun). */
  private allPlain(a: number, nd: McNode, m: McMatrix, ag: McAggregation, count: number): boolean {
    if (m.affected[a]!.length > 0 || ag.threshold > 1) return false;
    for (let r = 0; r < count; r++) {
      if (!(this.wTotal[r]! > 0)) return false;
      for (let t = 0; t < nd.aggKids.length; t++) {
        const slot = nd.aggKids[t]! * BATCH + r;
        if (this.completeOf[slot] === 0 || this.spaceOf[slot] !== ag.p) return false;
      }
    }
    return true;
  }

  /**
   * Adds the aggregate children of node a to run r's weighted mean; where a child is missing,
   * divides by the weight present instead (COINr's a_amean) and applies the data threshold.
   */
  private finishRun(a: number, r: number, nd: McNode, m: McMatrix, ag: McAggregation): void {
    const { n, W, wsum, present } = this;
    const p = ag.p;
    const k = nd.kids.length;
    const out = this.view[a * BATCH + r]!;
    const slot = a * BATCH + r;
    this.spaceOf[slot] = p;
    if (!(this.wTotal[r]! > 0)) {
      out.fill(NaN);
      this.completeOf[slot] = 0;
      return;
    }
    const affected = m.affected[a]!;
    let perUnit = affected.length > 0;
    for (let t = 0; t < nd.aggKids.length; t++) if (this.completeOf[nd.aggKids[t]! * BATCH + r] === 0) perUnit = true;
    if (perUnit) {
      let wMatrix = 0;
      for (let q = 0; q < nd.nRows; q++) wMatrix += W[q * BATCH + r]!;
      wsum.fill(wMatrix);
      present.fill(nd.nRows);
      for (let t = 0; t < affected.length; t++) {
        const i = affected[t]!;
        let s = 0;
        let c = 0;
        for (let q = 0; q < nd.nRows; q++) {
          if (m.missing[(nd.row0 + q) * n + i] === 0) {
            s += W[q * BATCH + r]!;
            c++;
          }
        }
        wsum[i] = s;
        present[i] = c;
      }
    }
    for (let t = 0; t < nd.aggKids.length; t++) {
      const w = W[(nd.nRows + t) * BATCH + r]!;
      const col = this.childIn(nd.aggKids[t]!, r, p);
      if (col === null) {
        this.generic(a, r, m, ag);
        return;
      }
      if (perUnit) {
        for (let i = 0; i < n; i++) {
          const x = col[i]!;
          if (x !== x) continue;
          out[i] = out[i]! + w * x;
          wsum[i] = wsum[i]! + w;
          present[i] = present[i]! + 1;
        }
      } else for (let i = 0; i < n; i++) out[i] = out[i]! + w * col[i]!;
    }
    let complete = 1;
    if (perUnit) {
      for (let i = 0; i < n; i++) {
        const c = present[i]!;
        const s = wsum[i]!;
        if (c === 0 || c / k < ag.threshold || !(s > 0)) {
          out[i] = NaN;
          complete = 0;
        } else out[i] = out[i]! / s;
      }
    } else if (1 < ag.threshold) {
      out.fill(NaN);
      complete = 0;
    }
    this.completeOf[slot] = complete;
  }

  /** Aggregate c of run r in space p; null when a value is outside that mean's domain. */
  private childIn(c: number, r: number, p: number): Float64Array | null {
    const slot = c * BATCH + r;
    const col = this.view[slot]!;
    if (this.spaceOf[slot] === p) return col;
    return convertSpace(col, this.spaceOf[slot]!, p, this.scratch, this.n) ? this.scratch : null;
  }

  /** Aggregate a of run r by aggregateNode on plain values (Copeland, or to raise its error). */
  private generic(a: number, r: number, m: McMatrix, ag: McAggregation): void {
    const nd = this.plan.nodes[a]!;
    const cols = nd.kids.map((code, q) => {
      if (q < nd.nRows) return m.frame.cols.get(code)!;
      const slot = nd.aggKids[q - nd.nRows]! * BATCH + r;
      const from = this.spaceOf[slot]!;
      const src = this.view[slot]!;
      return from === 1 ? src : src.map((y) => fromSpace(from, y));
    });
    const w = Float64Array.from(nd.kids, (_, q) => this.W[q * BATCH + r]!);
    const out = this.view[a * BATCH + r]!;
    aggregateNode(nd.code, nd.kids, cols, w, ag.settings, m.frame.units, out);
    this.spaceOf[a * BATCH + r] = 1;
    this.completeOf[a * BATCH + r] = isComplete(out) ? 1 : 0;
  }

  /** The index of run r as plain values (for ranking). */
  rootValues(r: number): Float64Array {
    const slot = this.plan.root * BATCH + r;
    const p = this.spaceOf[slot]!;
    const src = this.view[slot]!;
    if (p === 1) return src;
    for (let i = 0; i < this.n; i++) this.rootBuf[i] = fromSpace(p, src[i]!);
    return this.rootBuf;
  }
}

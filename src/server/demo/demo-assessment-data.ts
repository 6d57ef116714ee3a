// Deterministic, plausible values for the demo year: each unit has a lasting strength and a trend
// across the quarters, so ranks move between quarters for reasons the explanation can show.
import type { SchemeContent, SchemeNode } from '../../core/scheme/scheme.ts';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A number in [−1, 1) fixed by the key. */
export function noise(key: string): number {
  let t = hash(key) + 0x6d2b79f5;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The demo value of an indicator for a unit in the k-th period. */
export function demoValue(node: SchemeNode, unitCode: string, k: number): number {
  const strength = noise(`strength:${unitCode}`);
  const trend = noise(`trend:${unitCode}`) * 0.06 * k;
  const jitter = noise(`${unitCode}:${node.code}:${k}`) * 0.08 + noise(`${unitCode}:${node.code}`) * 0.08;
  const quality = strength * 0.15 + trend + jitter;
  const target = node.target ?? 50;
  let v: number;
  if (target === 0) v = Math.max(0, Math.round(1.5 - quality * 8 + noise(`acc:${unitCode}:${node.code}:${k}`) * 1.2));
  else if ((node.direction ?? 1) === -1) v = target * (1 - quality * 1.5);
  else if (node.unitOfMeasure === '家' || node.unitOfMeasure === '个') v = Math.max(0, Math.round(target * (1 + quality * 2)));
  else v = target * (1 + quality);
  if (node.max != null) v = Math.min(v, node.max);
  if (node.min != null) v = Math.max(v, node.min);
  return round(v, 2);
}

export function demoValues(content: SchemeContent, categoryCode: string, unitCode: string, k: number): { indicatorCode: string; value: number }[] {
  const category = content.categories.find((c) => c.categoryCode === categoryCode)!;
  // Indicators computed from 12345 data are nobody's to enter or import.
  return category.nodes.filter((n) => n.kind === 'indicator' && n.dataSource !== 'requests').map((n) => ({ indicatorCode: n.code, value: demoValue(n, unitCode, k) }));
}

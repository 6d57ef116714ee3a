// A category's indicator tree in the scheme editor: each node with its code, weight and scoring
// method, nodes with a problem marked; in a draft, dimensions and indicators are added, deleted and
// moved (dragged, or by choosing another parent in the node's form).
import { WarningFilled } from '@ant-design/icons';
import { App, Button, Card, Space, Tree, Typography } from 'antd';
import type { TreeProps } from 'antd';
import type { SchemeContent, SchemeNode } from '../../core/scheme/scheme.ts';
import { useText } from '../shell/use-text.ts';
import { nodePath, type Problems } from './scheme-checks.ts';
import { methodSummary } from './scheme-method-catalogue.ts';

/** The node and every node below it. */
export function subtree(nodes: SchemeNode[], code: string): Set<string> {
  const out = new Set([code]);
  for (let grew = true; grew;) { grew = false; for (const n of nodes) if (n.parent && out.has(n.parent) && !out.has(n.code)) { out.add(n.code); grew = true; } }
  return out;
}

/**
 * Moves a node under another parent. `anchor` places it before or after a node of its new
 * siblings; without one it comes after the new parent's last child, so the tree's order (which is
 * the order of the nodes) stays readable in exports.
 */
export function moveNode(content: SchemeContent, ci: number, code: string, parent: string | null, anchor?: { code: string; after: boolean }): SchemeContent {
  const next = structuredClone(content);
  const nodes = next.categories[ci]!.nodes;
  const node = nodes.splice(nodes.findIndex((n) => n.code === code), 1)[0]!;
  node.parent = parent;
  let at: number;
  if (anchor) at = nodes.findIndex((n) => n.code === anchor.code) + (anchor.after ? 1 : 0);
  else {
    const last = nodes.map((n, i) => (n.parent === parent || n.code === parent ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
    at = parent === null || last < 0 ? nodes.length : last + 1;
  }
  nodes.splice(at, 0, node);
  return next;
}

/** Gives a node a new code; its children follow. */
export function renameNode(content: SchemeContent, ci: number, code: string, to: string): SchemeContent {
  const next = structuredClone(content);
  for (const n of next.categories[ci]!.nodes) {
    if (n.code === code) n.code = to;
    if (n.parent === code) n.parent = to;
  }
  return next;
}

interface TreeCardProps {
  content: SchemeContent;
  categoryIndex: number;
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
  editable: boolean;
  problems: Problems;
  onChange: (next: SchemeContent, changed: string[]) => void;
}

export function SchemeTreeCard({ content, categoryIndex: ci, selected, onSelect, editable, problems, onChange }: TreeCardProps) {
  const tx = useText();
  const { message } = App.useApp();
  const cat = content.categories[ci]!;
  const node = cat.nodes.find((n) => n.code === selected);
  const byCode = new Map(cat.nodes.map((n) => [n.code, n]));
  const changed = [`categories[${ci}]`];

  const addNode = (kind: 'dimension' | 'indicator') => {
    const next = structuredClone(content);
    const nodes = next.categories[ci]!.nodes;
    let i = nodes.length + 1;
    while (nodes.some((n) => n.code === `${cat.categoryCode}-N${i}`)) i++;
    const code = `${cat.categoryCode}-N${i}`;
    const parent = kind === 'dimension' ? null : (node?.kind === 'dimension' ? node.code : node?.parent ?? null);
    if (kind === 'indicator' && !parent) { message.warning(tx('请先选择一个维度', 'Select a dimension first')); return; }
    const added: SchemeNode = { code, name: kind === 'dimension' ? tx('新维度', 'New dimension') : tx('新指标', 'New indicator'), parent, kind, weight: 10,
      ...(kind === 'indicator' ? { direction: 1 as const, dataSource: 'unit' as const, frequency: 'quarterly' as const } : {}) };
    nodes.push(added);
    onChange(parent ? moveNode(next, ci, code, parent) : next, changed);
    onSelect(code);
  };
  const removeNode = () => {
    if (!node) return;
    const next = structuredClone(content);
    const drop = subtree(cat.nodes, node.code);
    next.categories[ci]!.nodes = next.categories[ci]!.nodes.filter((n) => !drop.has(n.code));
    onChange(next, changed);
    onSelect(undefined);
  };

  // Dragging: into a dimension, or beside a node (among its siblings); never below itself, and an indicator never to the top.
  const allowDrop: TreeProps['allowDrop'] = ({ dragNode, dropNode, dropPosition }) => {
    const drag = byCode.get(String(dragNode.key));
    const target = byCode.get(String(dropNode.key));
    if (!drag || !target) return false;
    const below = subtree(cat.nodes, drag.code);
    if (dropPosition === 0) return target.kind === 'dimension' && !below.has(target.code);
    return (target.parent !== null || drag.kind === 'dimension') && !(target.parent && below.has(target.parent));
  };
  const onDrop: TreeProps['onDrop'] = (info) => {
    const drag = String(info.dragNode.key);
    const target = byCode.get(String(info.node.key));
    if (!target) return;
    const relative = info.dropPosition - Number(info.node.pos.split('-').at(-1));
    if (!info.dropToGap) onChange(moveNode(content, ci, drag, target.code), changed);
    else onChange(moveNode(content, ci, drag, target.parent, { code: target.code, after: relative >= 0 }), changed);
  };

  const treeData = (parent: string | null): { key: string; title: React.ReactNode; children: unknown[] }[] => cat.nodes
    .map((n, ni) => ({ n, ni })).filter(({ n }) => n.parent === parent).map(({ n, ni }) => {
      const method = n.kind === 'indicator' ? ` · ${n.method ? methodSummary(n.method, tx) : tx('默认方法', 'default method')}${n.direction === -1 ? tx(' · 逆向', ' · lower better') : ''}` : '';
      const flagged = problems.under(nodePath(ci, ni)).length > 0;
      return {
        key: n.code,
        title: <Space size={4}>
          {flagged && <WarningFilled style={{ color: '#cf1322' }} aria-label={tx('有错误', 'has problems')} />}
          <span>{n.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.code} · {tx('权重', 'w')} {n.weight}{method}</Typography.Text>
        </Space>,
        children: treeData(n.code),
      };
    });
  // Remounted when the structure changes, so new and moved nodes show expanded.
  const shape = cat.nodes.map((n) => `${n.code}>${n.parent ?? ''}`).join('|');
  return (
    <Card size="small" className="section-card" extra={editable && <Space>
      <Button size="small" onClick={() => addNode('dimension')}>{tx('添加维度', 'Dimension')}</Button>
      <Button size="small" onClick={() => addNode('indicator')} data-testid="add-indicator">{tx('添加指标', 'Indicator')}</Button>
      <Button size="small" danger disabled={!node} onClick={removeNode}>{tx('删除', 'Delete')}</Button>
    </Space>} title={editable ? <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>{tx('拖动节点可调整上级和顺序', 'Drag a node to move it')}</Typography.Text> : undefined}>
      <Tree key={`${ci}-${shape}`} defaultExpandAll blockNode draggable={editable ? { icon: false } : false} allowDrop={allowDrop} onDrop={onDrop}
        treeData={treeData(null) as never} selectedKeys={selected ? [selected] : []} onSelect={(k) => onSelect(k[0] as string | undefined)} data-testid="scheme-tree" />
    </Card>
  );
}

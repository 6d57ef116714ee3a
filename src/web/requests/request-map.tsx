// The request map of the dashboard, without tiles or network: each street or town a bubble at its
// centre (request_areas), sized by its requests of the period and coloured by the share still open,
// over a sketch of the streets (each centre's nearest-centre cell, area-map.ts), with the located
// requests drawn faintly, a north arrow and a scale bar. Drawn as SVG, so labels are in the page.
import * as echarts from 'echarts';
import ReactECharts from 'echarts-for-react';
import { useMemo } from 'react';
import { areaCells } from '../../core/requests/area-map.ts';
import { formatNumber, formatPercent } from '../shell/format.ts';
import { useText } from '../shell/use-text.ts';
import type { Hotspots } from './requests-api.ts';

const mapName = 'pacesetter-request-areas';
const scaleKm = 2;

/** 中关村街道 → 中关村, 青龙桥街道 → 青龙桥, 苏家坨镇 → 苏家坨: the label; the tooltip has the full name. */
export const shortAreaName = (name: string) => name.replace(/(街道|地区|镇|乡)$/, '');

export function RequestMap({ hot }: { hot: Pick<Hotspots, 'areas' | 'points'> }) {
  const tx = useText();
  const areas = hot.areas;
  const bounds = useMemo(() => {
    const cells = areaCells(areas.map((a) => ({ divisionCode: a.divisionCode, name: a.name, lat: a.lat, lon: a.lon })));
    echarts.registerMap(mapName, {
      type: 'FeatureCollection',
      features: cells.map((c) => ({ type: 'Feature', properties: { name: c.name }, geometry: { type: 'Polygon', coordinates: [c.ring] } })),
    } as Parameters<typeof echarts.registerMap>[1]);
    const ring = cells.flatMap((c) => c.ring);
    return {
      minLon: Math.min(...ring.map((p) => p[0])), minLat: Math.min(...ring.map((p) => p[1])),
      meanLat: areas.reduce((s, a) => s + a.lat, 0) / Math.max(1, areas.length),
    };
  }, [areas]);

  const max = Math.max(1, ...areas.map((a) => a.count));
  const size = (n: number) => 9 + 34 * Math.sqrt(n / max);
  // A scale bar of 2 km at the south-west corner, in map coordinates: it follows zoom and pan.
  const kmLon = 1_000 / (111_320 * Math.cos((bounds.meanLat * Math.PI) / 180));
  const scaleStart: [number, number] = [bounds.minLon + 0.01, bounds.minLat + 0.012];
  const option = {
    animation: false,
    tooltip: { trigger: 'item' },
    geo: {
      map: mapName, roam: true, aspectScale: Math.cos((bounds.meanLat * Math.PI) / 180), layoutCenter: ['50%', '48%'], layoutSize: '96%',
      itemStyle: { areaColor: '#f4f6f9', borderColor: '#b8c2cf', borderWidth: 0.8 },
      // The sketch only shows where things are: no hover, no selection. (geo.tooltip.show false
      // would also silence the tooltips of the series drawn on it.)
      silent: true, label: { show: false },
    },
    visualMap: {
      type: 'continuous', seriesIndex: 1, dimension: 4, min: 0, max: 1, calculable: false, orient: 'horizontal', right: 8, bottom: 4,
      itemWidth: 10, itemHeight: 110, text: [tx('未办结 100%', '100% open'), '0%'], textStyle: { fontSize: 11 },
      inRange: { color: ['#52c41a', '#fadb14', '#fa8c16', '#cf1322'] },
    },
    graphic: [
      { type: 'text', right: 14, top: 8, style: { text: tx('北', 'N'), font: 'bold 13px sans-serif', fill: '#434343', align: 'center' } },
      { type: 'polygon', right: 10, top: 26, shape: { points: [[6, 0], [12, 16], [6, 12], [0, 16]] }, style: { fill: '#434343' } },
    ],
    series: [
      {
        // Under the bubbles, which are see-through: most of the requests lie within them.
        id: 'requests', type: 'scatter', coordinateSystem: 'geo', silent: true, symbolSize: 3, z: 3,
        data: hot.points.map((p) => ({ value: [p.lon, p.lat], itemStyle: p.status === 'closed' ? { color: '#595959', opacity: 0.45 } : { color: '#820014', opacity: 0.5 } })),
      },
      {
        id: 'areas', type: 'scatter', coordinateSystem: 'geo', z: 4,
        data: areas.filter((a) => a.count > 0).map((a) => ({ name: a.name, value: [a.lon, a.lat, a.count, a.open, a.open / a.count] })),
        symbolSize: (v: number[]) => size(v[2]!),
        itemStyle: { opacity: 0.6, borderColor: '#fff', borderWidth: 1 },
        label: { show: true, position: 'right', distance: 3, fontSize: 11, color: '#1f1f1f', textBorderColor: '#fff', textBorderWidth: 2, formatter: (p: { name: string }) => shortAreaName(p.name) },
        labelLayout: { hideOverlap: true },
        tooltip: {
          formatter: (p: { name: string; value: number[] }) => {
            const [, , count = 0, open = 0] = p.value;
            const colon = tx('：', ': ');
            return `<b>${p.name}</b><br/>${tx('本期诉求', 'Requests in the period')}${colon}${formatNumber(count)}<br/>`
              + `${tx('未办结', 'Still open')}${colon}${formatNumber(open)}${tx(`（${formatPercent(open, count)}）`, ` (${formatPercent(open, count)})`)}<br/>`
              + `${tx('已办结', 'Closed')}${colon}${formatNumber(count - open)}`;
          },
        },
      },
      {
        // Streets and towns without requests in the period: a grey dot and the name, outside the colour scale.
        id: 'quiet', type: 'scatter', coordinateSystem: 'geo', z: 4, symbolSize: 5, itemStyle: { color: '#bfbfbf' },
        data: areas.filter((a) => a.count === 0).map((a) => ({ name: a.name, value: [a.lon, a.lat] })),
        label: { show: true, position: 'right', distance: 3, fontSize: 11, color: '#8c8c8c', textBorderColor: '#fff', textBorderWidth: 2, formatter: (p: { name: string }) => shortAreaName(p.name) },
        labelLayout: { hideOverlap: true },
        tooltip: { formatter: (p: { name: string }) => `<b>${p.name}</b><br/>${tx('本期无诉求', 'No requests in the period')}` },
      },
      {
        id: 'scale', type: 'lines', coordinateSystem: 'geo', silent: true, z: 5, symbol: ['none', 'none'],
        lineStyle: { color: '#434343', width: 2, opacity: 1 },
        label: { show: true, position: 'insideMiddleTop', distance: 4, formatter: tx(`${scaleKm} 公里`, `${scaleKm} km`), fontSize: 11, color: '#434343' },
        data: [{ coords: [scaleStart, [scaleStart[0] + scaleKm * kmLon, scaleStart[1]]] }],
      },
    ],
  };
  return (
    <div data-testid="request-map-chart" data-areas={areas.length} data-bubbles={areas.filter((a) => a.count > 0).length} data-points={hot.points.length}>
      <ReactECharts style={{ height: 440 }} option={option} opts={{ renderer: 'svg' }} notMerge />
    </div>
  );
}

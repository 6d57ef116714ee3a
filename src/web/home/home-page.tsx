import { Alert, Button, Card, Col, Progress, Row, Skeleton, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { unitKinds, type UnitKind } from '../../core/org/unit.ts';
import { api } from '../api/client.ts';
import type { CategoryView, UnitView } from '../api/types.ts';
import { may } from '../auth/permissions.ts';
import { useUser } from '../auth/session-context.tsx';
import { formatNumber, formatPercent } from '../shell/format.ts';
import { LoadFailed } from '../shell/load-failed.tsx';
import { PageHeader } from '../shell/page-header.tsx';
import { useLoader } from '../shell/use-loader.ts';

interface Overview { units: UnitView[]; total: number; activeTotal: number; categories: CategoryView[] }

/** The largest page the API gives; the demo district has about 60 units. */
const pageLimit = 500;

async function loadOverview(): Promise<Overview> {
  const [all, active, categories] = await Promise.all([
    api.units.list({ active: 'all', limit: pageLimit }),
    api.units.list({ active: 'true', limit: 1 }),
    api.categories.list(),
  ]);
  return { units: all.items, total: all.total, activeTotal: active.total, categories };
}

interface CountRow { key: string; label: string; count: number; link?: string }

/** 首页: the district at a glance and what this account may do. */
export function HomePage() {
  const user = useUser();
  const { t } = useTranslation();
  const overview = useLoader(loadOverview, []);

  const greeting = (
    <Card size="small" className="section-card">
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="welcome">{t('home.welcome', { name: user.displayName })}</Typography.Title>
      <Typography.Text data-testid="home-role">{t('home.roleLine', { role: t(`roles.${user.role}`) })}</Typography.Text>
      {user.unitName && <><br /><Typography.Text>{t('home.unitLine', { unit: user.unitName })}</Typography.Text></>}
      {may.isReadOnly(user) && <Alert type="info" showIcon title={t('home.readOnlyNotice')} style={{ marginTop: 12 }} />}
      {user.role === 'unit_reporter' && (
        <Alert type="info" showIcon title={t('home.reporterNotice')} style={{ marginTop: 12 }}
          action={user.unitId && <Link to={`/units/${user.unitId}`}><Button size="small">{t('home.goMyUnit')}</Button></Link>} />
      )}
    </Card>
  );

  if (!may.listAllUnits(user)) return <div className="page"><PageHeader title={t('menu.home')} />{greeting}</div>;
  if (overview.error) return <div className="page"><PageHeader title={t('menu.home')} />{greeting}<LoadFailed error={overview.error} onRetry={() => void overview.reload()} /></div>;

  const data = overview.data;
  const active = data?.units.filter((u) => u.active) ?? [];
  const byKind: CountRow[] = unitKinds
    .map((kind: UnitKind) => ({ key: kind, label: t(`kinds.${kind}`), count: active.filter((u) => u.kind === kind).length, link: `/units?kind=${kind}` }))
    .filter((r) => r.count > 0);
  const byCategory: CountRow[] = (data?.categories ?? []).map((c) => ({
    key: c.id, label: c.name, count: active.filter((u) => u.categoryId === c.id).length, link: `/units?category=${c.id}`,
  }));
  const uncategorised = active.filter((u) => !u.categoryId).length;
  if (uncategorised) byCategory.push({ key: 'none', label: t('home.uncategorised'), count: uncategorised });

  const countColumns = (whole: number): TableColumnsType<CountRow> => [
    { title: t('common.name'), dataIndex: 'label', render: (label: string, r) => (r.link ? <Link to={r.link}>{label}</Link> : label) },
    { title: t('home.count'), dataIndex: 'count', width: 80, align: 'right', render: (n: number) => formatNumber(n) },
    {
      title: t('home.share'), key: 'share', width: 200,
      render: (_, r) => (
        <div className="share-cell">
          <Progress percent={whole ? (r.count / whole) * 100 : 0} showInfo={false} size="small" strokeColor="#b71c1c" />
          <span>{formatPercent(r.count, whole)}</span>
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader title={t('home.overview', { district: t('app.district') })}
        extra={<Link to="/units"><Button>{t('home.goUnits')}</Button></Link>} />
      {greeting}
      {!data ? <Skeleton active /> : (
        <>
          <Row gutter={[12, 12]} className="section-card">
            <Col xs={24} sm={8}><Card size="small"><Statistic title={t('home.unitsTotal')} value={data.total} formatter={(v) => formatNumber(Number(v))} /></Card></Col>
            <Col xs={24} sm={8}><Card size="small"><Statistic title={t('home.activeUnits')} value={data.activeTotal} formatter={(v) => formatNumber(Number(v))} /></Card></Col>
            <Col xs={24} sm={8}><Card size="small"><Statistic title={t('home.categoriesTotal')} value={data.categories.filter((c) => c.active).length} /></Card></Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('home.byKind')}>
                <Table<CountRow> rowKey="key" size="small" pagination={false} columns={countColumns(active.length)} dataSource={byKind} data-testid="home-by-kind" />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('home.byCategory')}>
                <Table<CountRow> rowKey="key" size="small" pagination={false} columns={countColumns(active.length)} dataSource={byCategory} data-testid="home-by-category" />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

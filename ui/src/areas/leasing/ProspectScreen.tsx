import { useState } from 'react';
import { Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Spin, Table, Tag } from 'antd';
import { EditOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, type ListingMatch, type ProspectRow, type ReferralDetail } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { formatArea, formatDate } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { ListingStatusTag, MatchReasons, ReferralList, ScoreTag, useAgencyOptions, useBudget, useMoney } from './common';
import { ProspectEditor } from './ProspectEditor';

/** One prospect: their needs, their referrals, and the open listings that fit them, to refer. */
export function ProspectScreen({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const budget = useBudget();
  const write = can('leasing_write');
  const prospect = useCommand('prospect_get', { id });
  const [editing, setEditing] = useState(false);
  const d = prospect.data;
  if (prospect.isLoading) {
    return (
      <div className="steward-loading">
        <Spin />
      </div>
    );
  }
  if (!d) return <Empty description={prospect.error ? t(`error.${prospect.error.code}`) : undefined} />;
  const r = d.row;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="prospect-screen">
      <Card
        title={
          <span data-testid="prospect-heading">
            {r.name}
            {r.company ? ` (${r.company})` : ''}
          </span>
        }
        extra={
          write ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="prospect-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="prospect-facts">
          <Descriptions.Item label={t('leasing.prospect.phone')}>{r.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.email')}>{r.email || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.language')}>{t(`language.${r.preferred_language}`)}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.nationality')}>{r.nationality ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.budget')}>
            {budget(r.budget_min, r.budget_max)}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.size')}>
            {r.rooms_min !== null ? t('leasing.listing.rooms_count', { rooms: r.rooms_min }) : '—'}
            {r.area_min ? ` · ${formatArea(r.area_min, i18n.language)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.move_in')}>{r.move_in ? formatDate(r.move_in, i18n.language) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.term')}>
            {r.term_months !== null ? t('leasing.listing.months', { months: r.term_months }) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.must_haves')}>
            {r.must_haves.length ? r.must_haves.map((f) => <Tag key={f}>{t(`enum.listing_feature.${f}`)}</Tag>) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.prospect.source')}>
            {t(`enum.prospect_source.${r.source}`)}
            {r.agency_id && r.agency_name ? (
              <>
                {' · '}
                <RouteLink to={{ name: 'agency', params: { id: r.agency_id } }}>{r.agency_name}</RouteLink>
              </>
            ) : null}
          </Descriptions.Item>
          {r.customer_id ? (
            <Descriptions.Item label={t('leasing.prospect.tenant')}>
              <RouteLink to={{ name: 'customer', params: { id: r.customer_id } }}>{t('leasing.prospect.open_customer')}</RouteLink>
            </Descriptions.Item>
          ) : null}
          {d.notes ? <Descriptions.Item label={t('leasing.prospect.notes')}>{d.notes}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t('leasing.prospect.referrals')} size="small">
        <ReferralList filter={{ listing_id: null, prospect_id: r.id, agency_id: null }} show="listing" />
      </Card>
      <MatchingListings prospect={r} write={write} />
      {editing ? <ProspectEditor detail={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Space>
  );
}

/** The open listings ranked for the prospect, with why each falls short, and a referral from each row. */
function MatchingListings({ prospect, write }: { prospect: ProspectRow; write: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const matches = useCommand('match_for_prospect', { prospect_id: prospect.id, limit: 50 });
  const [referring, setReferring] = useState<ListingMatch | null>(null);
  return (
    <Card title={t('leasing.match.listings_title')} size="small">
      <Table<ListingMatch>
        rowKey={(m) => m.listing.id}
        className="steward-head-nowrap"
        size="small"
        loading={matches.isLoading}
        dataSource={matches.data ?? []}
        pagination={false}
        data-testid="prospect-matches"
        locale={{ emptyText: t('leasing.match.none') }}
        onRow={(m) => ({ 'data-testid': `match-row-${m.listing.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('leasing.match.score'), dataIndex: 'score', width: 80, render: (s: number) => <ScoreTag score={s} /> },
          {
            title: t('leasing.match.listing'),
            key: 'listing',
            render: (_, m) => (
              <RouteLink to={{ name: 'listing', params: { id: m.listing.id } }}>
                {m.listing.unit_label} · {m.listing.title}
              </RouteLink>
            ),
          },
          { title: t('leasing.match.asking_rent'), key: 'rent', align: 'right', render: (_, m) => money(m.listing.asking_rent) },
          {
            title: t('leasing.listing.size'),
            key: 'size',
            render: (_, m) => `${t('leasing.listing.rooms_count', { rooms: m.listing.rooms })} · ${formatArea(m.listing.area, i18n.language)}`,
          },
          { title: t('leasing.listing.available_from'), key: 'from', render: (_, m) => formatDate(m.listing.available_from, i18n.language) },
          { title: t('leasing.listing.status'), key: 'status', render: (_, m) => <ListingStatusTag status={m.listing.status} /> },
          { title: t('leasing.match.reasons'), key: 'reasons', render: (_, m) => <MatchReasons reasons={m.reasons} /> },
          ...(write && prospect.active
            ? [
                {
                  title: '',
                  key: 'refer',
                  render: (_: unknown, m: ListingMatch) => (
                    <Button size="small" icon={<SendOutlined />} onClick={() => setReferring(m)} data-testid={`match-refer-${m.listing.id}`}>
                      {t('leasing.match.refer')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {referring ? <ReferForm prospect={prospect} match={referring} onClose={() => setReferring(null)} /> : null}
    </Card>
  );
}

type ReferValues = { via: 'direct' | 'agency'; agency_id: number | null; note: string };

/** Refers a listing to the prospect, directly or through a partner agency. */
function ReferForm({ prospect, match, onClose }: { prospect: ProspectRow; match: ListingMatch; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const agencies = useAgencyOptions();
  const command = useCommandForm<ReferValues, ReferralDetail>({
    submit: (v) =>
      call('referral_create', {
        listing_id: match.listing.id,
        prospect_id: prospect.id,
        agency_id: v.via === 'agency' ? (v.agency_id ?? null) : null,
        note: v.note?.trim() ?? '',
      }),
    successMessage: t('leasing.match.referred', { listing: match.listing.unit_label, name: prospect.name }),
    onSuccess: async () => {
      await cache.invalidate('referral_list');
      await cache.invalidate('prospect_get');
      await cache.invalidate('listing_get');
      await cache.invalidate('match_for_prospect');
      await cache.invalidate('match_for_listing');
      onClose();
    },
  });
  const via = Form.useWatch('via', command.form) ?? (prospect.agency_id ? 'agency' : 'direct');
  return (
    <Modal
      open
      title={t('leasing.match.refer_title', { listing: `${match.listing.unit_label} · ${match.listing.title}` })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={command.busy} onClick={() => command.form.submit()} data-testid="referral-save">
          {t('leasing.match.refer')}
        </Button>,
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<ReferValues>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ via: prospect.agency_id ? 'agency' : 'direct', agency_id: prospect.agency_id, note: '' }}
        data-testid="referral-form"
      >
        <Form.Item name="via" label={t('leasing.match.via')}>
          <Radio.Group data-testid="referral-via">
            {/* The test ids on the labels: the radio inputs themselves are hidden. */}
            <Radio value="direct">
              <span data-testid="referral-via-direct">{t('leasing.match.direct')}</span>
            </Radio>
            <Radio value="agency">
              <span data-testid="referral-via-agency">{t('leasing.match.through_agency')}</span>
            </Radio>
          </Radio.Group>
        </Form.Item>
        {via === 'agency' ? (
          <Form.Item name="agency_id" label={t('leasing.match.agency')}>
            <Select style={{ minWidth: 260 }} options={agencies} data-testid="referral-agency" />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('leasing.match.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} data-testid="referral-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

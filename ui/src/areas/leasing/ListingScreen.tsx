import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Image, Popconfirm, Select, Space, Spin, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { DeleteOutlined, EditOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, toApiError, VOCABULARIES, type ListingDetail, type ListingPhotoRow, type ListingStatus, type ProspectMatch } from '../../lib/backend';
import { useErrorToast } from '../../shared/errors';
import { formatArea, formatDate } from '../../shared/format';
import { useCommand, useCommandCache } from '../../shared/hooks';
import { languageOptions } from '../../shared/options';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { ListingStatusTag, MatchReasons, ReferralList, refusalText, ScoreTag, statusChangeAllowed, useBudget, useMoney } from './common';
import { ListingEditor } from './ListingEditor';

/** A file as standard base64 (padded), the form the core takes photos in. */
async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** One listing: its facts and texts, photos, status, the listing sheet, referrals and the prospects that fit. */
export function ListingScreen({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const write = can('leasing_write');
  const listing = useCommand('listing_get', { id });
  const [editing, setEditing] = useState(false);
  const d = listing.data;
  if (listing.isLoading) {
    return (
      <div className="steward-loading">
        <Spin />
      </div>
    );
  }
  if (!d) return <Empty description={listing.error ? t(`error.${listing.error.code}`) : undefined} />;
  const row = d.row;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="listing-screen">
      <Card
        title={
          <Space>
            <span data-testid="listing-heading">
              {row.unit_label} · {row.title}
            </span>
            <ListingStatusTag status={row.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <SheetButton id={row.id} />
            {write ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="listing-edit">
                {t('common.edit')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="listing-facts">
          <Descriptions.Item label={t('leasing.listing.unit')}>{row.unit_label}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.owner')}>
            <RouteLink to={{ name: 'customer', params: { id: row.owner_id } }}>{row.owner_name}</RouteLink>
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.asking_rent')}>{money(row.asking_rent)}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.available_from')}>{formatDate(row.available_from, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.size')}>
            {t('leasing.listing.rooms_count', { rooms: row.rooms })} · {formatArea(row.area, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.min_term')}>{t('leasing.listing.months', { months: d.min_term_months })}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.deposit')}>
            {t('leasing.listing.months', { months: d.deposit_months })}
            {d.deposit_terms ? ` · ${d.deposit_terms}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('leasing.listing.features')}>
            {(['furnished', 'pets', 'parking'] as const).map((f) => (
              <Tag key={f} color={row[f] ? 'green' : 'default'}>
                {row[f] ? '✓' : '✗'} {t(`enum.listing_feature.${f}`)}
              </Tag>
            ))}
          </Descriptions.Item>
          {d.notes ? <Descriptions.Item label={t('leasing.listing.notes')}>{d.notes}</Descriptions.Item> : null}
        </Descriptions>
        {write ? <StatusActions detail={d} /> : null}
      </Card>
      <Card title={t('leasing.listing.texts')} size="small">
        {d.texts.length === 0 ? (
          <Typography.Text type="secondary">{t('leasing.listing.no_texts')}</Typography.Text>
        ) : (
          <Tabs
            data-testid="listing-texts"
            items={d.texts.map((x) => ({
              key: x.language,
              label: t(`language.${x.language}`),
              children: (
                <>
                  <Typography.Title level={5}>{x.title}</Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{x.description}</Typography.Paragraph>
                </>
              ),
            }))}
          />
        )}
      </Card>
      <Photos detail={d} write={write} />
      <Card title={t('leasing.listing.referrals')} size="small">
        <ReferralList filter={{ listing_id: row.id, prospect_id: null, agency_id: null }} show="prospect" />
      </Card>
      <MatchingProspects listingId={row.id} />
      {editing ? <ListingEditor detail={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Space>
  );
}

/** Buttons for the status changes allowed from the current one; the core's refusal is shown as it says it. */
function StatusActions({ detail }: { detail: ListingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cache = useCommandCache();
  const [busy, setBusy] = useState<ListingStatus | null>(null);
  const targets = VOCABULARIES.listing_status.filter((s) => statusChangeAllowed(detail.row.status, s));
  if (targets.length === 0) return null;
  const change = async (status: ListingStatus) => {
    setBusy(status);
    try {
      const saved = await call('listing_set_status', { id: detail.row.id, version: detail.row.version, status });
      cache.set('listing_get', { id: detail.row.id }, saved);
      await cache.invalidate('listing_list');
      await cache.invalidate('match_for_prospect');
      void message.success(t('leasing.listing.status_changed', { status: t(`enum.listing_status.${status}`) }));
    } catch (e) {
      const error = toApiError(e);
      void message.error({ content: <span data-testid="listing-status-refused">{refusalText(error, t)}</span> });
      await cache.invalidate('listing_get', { id: detail.row.id });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('leasing.listing.change_status')}</Typography.Text>
      {targets.map((s) => (
        <Button key={s} size="small" loading={busy === s} onClick={() => void change(s)} data-testid={`listing-status-${s}`}>
          {t(`leasing.listing.to_status.${s}`)}
        </Button>
      ))}
    </Space>
  );
}

/** The one-page listing sheet PDF in a chosen language, saved to the documents folder. */
function SheetButton({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const [language, setLanguage] = useState<string>(languageOptions(t).some((o) => o.value === i18n.language) ? i18n.language : 'zh-CN');
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const doc = await call('listing_sheet', { id, language });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success({ content: <span data-testid="listing-sheet-saved">{t('leasing.listing.sheet_saved', { path })}</span> });
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space.Compact>
      <Select
        value={language}
        onChange={setLanguage}
        style={{ minWidth: 120 }}
        aria-label={t('leasing.listing.sheet_language')}
        options={languageOptions(t).map((o) => ({ ...o, 'data-testid': `listing-sheet-language-${o.value}` }))}
        data-testid="listing-sheet-language"
      />
      <Button icon={<FilePdfOutlined />} loading={busy} onClick={() => void print()} data-testid="listing-sheet">
        {t('leasing.listing.sheet')}
      </Button>
    </Space.Compact>
  );
}

function Thumbnail({ photo }: { photo: ListingPhotoRow }) {
  const file = useCommand('listing_photo_get', { photo_id: photo.id }, { staleTime: Infinity });
  if (!file.data) return <div style={{ width: 120, height: 90, display: 'grid', placeItems: 'center' }}>{file.isLoading ? <Spin size="small" /> : '—'}</div>;
  return (
    <Image
      width={120}
      height={90}
      style={{ objectFit: 'cover' }}
      src={`data:${file.data.mime};base64,${file.data.content_base64}`}
      alt={photo.file_name}
      data-testid={`listing-photo-img-${photo.id}`}
    />
  );
}

/** The listing's photos as thumbnails; the leasing desk adds and removes them. */
function Photos({ detail, write }: { detail: ListingDetail; write: boolean }) {
  const { t } = useTranslation();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const [busy, setBusy] = useState(false);
  const id = detail.row.id;
  const saved = (next: ListingDetail) => cache.set('listing_get', { id }, next);
  const add = async (file: File) => {
    setBusy(true);
    try {
      saved(await call('listing_photo_add', { listing_id: id, file_name: file.name, mime: file.type || 'image/jpeg', content_base64: await toBase64(file) }));
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (photoId: number) => {
    try {
      saved(await call('listing_photo_remove', { listing_id: id, photo_id: photoId }));
    } catch (e) {
      toast(e);
    }
  };
  return (
    <Card
      title={t('leasing.listing.photos')}
      size="small"
      data-testid="listing-photos"
      extra={
        write ? (
          <Upload
            accept="image/jpeg,image/png"
            showUploadList={false}
            beforeUpload={(file) => {
              void add(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="listing-photo-add">
              {t('leasing.listing.add_photo')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {detail.photos.length === 0 ? (
        <Typography.Text type="secondary">{t('leasing.listing.no_photos')}</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          <Space wrap size="middle">
            {detail.photos.map((p) => (
              <Space key={p.id} orientation="vertical" size={4} align="center" data-testid={`listing-photo-${p.id}`}>
                <Thumbnail photo={p} />
                {write ? (
                  <Popconfirm title={t('leasing.listing.remove_photo_confirm')} onConfirm={() => void remove(p.id)}>
                    <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid={`listing-photo-remove-${p.id}`}>
                      {t('leasing.listing.remove_photo')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}

/** The prospects whose needs this listing fits, best first, with what does not fit. */
function MatchingProspects({ listingId }: { listingId: number }) {
  const { t, i18n } = useTranslation();
  const budget = useBudget();
  const matches = useCommand('match_for_listing', { listing_id: listingId, limit: 50 });
  return (
    <Card title={t('leasing.match.prospects_title')} size="small">
      <Table<ProspectMatch>
        rowKey={(m) => m.prospect.id}
        className="steward-head-nowrap"
        size="small"
        loading={matches.isLoading}
        dataSource={matches.data ?? []}
        pagination={false}
        data-testid="listing-matches"
        locale={{ emptyText: t('leasing.match.none') }}
        onRow={(m) => ({ 'data-testid': `match-row-${m.prospect.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('leasing.match.score'), dataIndex: 'score', width: 80, render: (s: number) => <ScoreTag score={s} /> },
          {
            title: t('leasing.match.prospect'),
            key: 'prospect',
            render: (_, m) => (
              <RouteLink to={{ name: 'prospect', params: { id: m.prospect.id } }}>
                {m.prospect.name}
                {m.prospect.company ? ` (${m.prospect.company})` : ''}
              </RouteLink>
            ),
          },
          { title: t('leasing.prospect.language'), key: 'lang', render: (_, m) => t(`language.${m.prospect.preferred_language}`) },
          {
            title: t('leasing.prospect.budget'),
            key: 'budget',
            render: (_, m) => budget(m.prospect.budget_min, m.prospect.budget_max),
          },
          { title: t('leasing.prospect.move_in'), key: 'move_in', render: (_, m) => formatDate(m.prospect.move_in, i18n.language) || '—' },
          { title: t('leasing.match.reasons'), key: 'reasons', render: (_, m) => <MatchReasons reasons={m.reasons} /> },
        ]}
      />
    </Card>
  );
}

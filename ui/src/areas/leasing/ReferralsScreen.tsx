import { useCallback, useMemo, useState } from 'react';
import { Alert, Card, Form, Input, Modal, Segmented, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type ApiError, type ReferralDetail, type ReferralRow, type ReferralStage } from '../../lib/backend';
import { formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { useSession } from '../../shared/session';
import { KanbanBoard, type KanbanColumn } from '../desk/KanbanBoard';
import { BOARD_STAGES, daysInStage, needsReason, REFERRAL_STAGES, refusalText } from './pipeline';
import { AgencyFilter, ListingFilter, ProspectFilter } from './ReferralFilters';
import { ReferralDrawer, StageTag } from './ReferralDrawer';
import { SignDialog } from './SignDialog';
import { useLeasingMoney } from './useLeasingMoney';

/** Cards per board column (the core's largest is 100). */
const PER_STAGE = 50;

type View = 'board' | 'list';
type Ask = { row: ReferralRow; to: ReferralStage; resolve: (reason: string | null) => void };
type Signing = { detail: ReferralDetail; resolve: (signed: boolean) => void };

/** The referral pipeline: a board by stage (drag to move) or a filtered, paged list. */
export function ReferralsScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [view, setView] = useState<View>('board');
  const [open, setOpen] = useState<number | null>(null);
  const [agency, setAgency] = useState<number | null>(null);
  const [listing, setListing] = useState<number | null>(null);
  const [stage, setStage] = useState<ReferralStage | null>(null);

  return (
    <Card
      title={t('nav.referrals')}
      data-testid="referrals-screen"
      extra={
        <Space wrap>
          <AgencyFilter value={agency} onChange={setAgency} testId="referrals-agency" />
          <ListingFilter value={listing} onChange={setListing} testId="referrals-listing" />
          <Segmented<View>
            value={view}
            onChange={setView}
            data-testid="referrals-view"
            options={[
              { value: 'board', label: <span data-testid="referrals-view-board">{t('leasing.referral.board')}</span> },
              { value: 'list', label: <span data-testid="referrals-view-list">{t('leasing.referral.list')}</span> },
            ]}
          />
        </Space>
      }
    >
      {view === 'board' ? (
        <ReferralBoardView
          agency={agency}
          listing={listing}
          onOpen={setOpen}
          writable={can('leasing_write')}
          onShowStage={(s) => {
            setStage(s);
            setView('list');
          }}
        />
      ) : (
        <ReferralListView agency={agency} listing={listing} stage={stage} onStage={setStage} onOpen={setOpen} />
      )}
      {open !== null ? <ReferralDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function ReferralCard({ row, onOpen }: { row: ReferralRow; onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const money = useLeasingMoney();
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`referral-card-${row.id}`}>
      <Typography.Link
        onClick={() => onOpen(row.id)}
        onPointerDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        data-testid={`referral-open-${row.id}`}
      >
        {row.prospect_name}
      </Typography.Link>
      <Typography.Text ellipsis style={{ maxWidth: 240 }}>
        {row.unit_label} · {money(row.asking_rent)}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {row.agency_name ?? t('leasing.referral.direct')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`referral-days-${row.id}`}>
        {t('leasing.referral.days_in_stage', { days: daysInStage(row) })}
      </Typography.Text>
      {row.next_viewing ? (
        <Typography.Text style={{ fontSize: 12 }}>
          {t('leasing.referral.viewing_at', { at: formatDateTime(row.next_viewing, i18n.language) })}
        </Typography.Text>
      ) : null}
      {row.lost_reason ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {row.lost_reason}
        </Typography.Text>
      ) : null}
    </Space>
  );
}

function ReferralBoardView({
  agency,
  listing,
  onOpen,
  writable,
  onShowStage,
}: {
  agency: number | null;
  listing: number | null;
  onOpen: (id: number) => void;
  writable: boolean;
  /** "N more" of a column: the list, filtered by that stage. */
  onShowStage: (stage: ReferralStage) => void;
}) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const [showClosed, setShowClosed] = useState(false);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [signing, setSigning] = useState<Signing | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const board = useCommand('referral_board', { agency_id: agency, listing_id: listing, per_stage: PER_STAGE });

  const stages = showClosed ? REFERRAL_STAGES : BOARD_STAGES;
  const columns = useMemo(
    (): KanbanColumn<ReferralRow>[] =>
      stages.map((stage) => {
        const column = board.data?.columns.find((c) => c.stage === stage);
        return {
          key: stage,
          title: t(`enum.referral_stage.${stage}`),
          cards: column?.rows ?? [],
          total: column?.count ?? 0,
        };
      }),
    [board.data, stages, t],
  );

  const askReason = (row: ReferralRow, to: ReferralStage) =>
    new Promise<string | null>((resolve) => {
      form.resetFields();
      setAsk({ row, to, resolve });
    });
  const askSign = (detail: ReferralDetail) => new Promise<boolean>((resolve) => setSigning({ detail, resolve }));

  const cancelled = useCallback(
    (): ApiError => ({ code: 'validation', message: t('leasing.referral.move_cancelled'), fields: null }),
    [t],
  );

  const onMove = useCallback(
    async (row: ReferralRow, toColumn: string) => {
      const to = toColumn as ReferralStage;
      try {
        if (to === 'signed' && row.stage === 'offer') {
          // Signing needs the lease terms: the drop opens the signing form.
          const detail = await call('referral_get', { id: row.id });
          if (!(await askSign(detail))) throw cancelled();
          return;
        }
        const reason = needsReason(to) ? await askReason(row, to) : null;
        if (needsReason(to) && reason === null) throw cancelled();
        await call('referral_move', { id: row.id, version: row.version, to, reason, note: '' });
      } catch (error) {
        // The board shows the message: put the core's translated reason in it.
        const refusal: ApiError = { code: 'validation', message: refusalText(error, t), fields: null };
        throw refusal;
      } finally {
        void cache.invalidate('referral_board');
        void cache.invalidate('referral_list');
        void cache.invalidate('referral_get', { id: row.id });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, t, cancelled],
  );

  const closeAsk = (reason: string | null) => {
    ask?.resolve(reason);
    setAsk(null);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Switch checked={showClosed} onChange={setShowClosed} data-testid="referrals-show-closed" />
        <Typography.Text>{t('leasing.referral.show_closed')}</Typography.Text>
      </Space>
      {board.isError ? <Alert type="error" showIcon title={t(`error.${board.error.code}`)} /> : null}
      <KanbanBoard<ReferralRow>
        columns={columns}
        cardKey={(row) => row.id}
        cardLabel={(row) => t('leasing.referral.card_label', { prospect: row.prospect_name, unit: row.unit_label })}
        onMove={writable ? onMove : () => Promise.reject<unknown>({ code: 'forbidden', message: t('error.forbidden'), fields: null })}
        limit={PER_STAGE}
        columnTestIdPrefix="board-col-"
        onShowMore={(key) => onShowStage(key as ReferralStage)}
        renderCard={(row) => <ReferralCard row={row} onOpen={onOpen} />}
      />
      <Modal
        open={ask !== null}
        title={ask ? t('leasing.referral.reason_title', { stage: t(`enum.referral_stage.${ask.to}`), prospect: ask.row.prospect_name }) : ''}
        onCancel={() => closeAsk(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'referral-reason-save' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => closeAsk(values.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('leasing.referral.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.referral_reason_required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="referral-reason" autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      {signing ? (
        <SignDialog
          open
          detail={signing.detail}
          onClose={() => {
            signing.resolve(false);
            setSigning(null);
          }}
          onSigned={(detail) => {
            cache.set('referral_get', { id: detail.row.id }, detail);
            signing.resolve(true);
            setSigning(null);
            onOpen(detail.row.id);
          }}
        />
      ) : null}
    </Space>
  );
}

type ListProps = {
  agency: number | null;
  listing: number | null;
  stage: ReferralStage | null;
  onStage: (stage: ReferralStage | null) => void;
  onOpen: (id: number) => void;
};

function ReferralListView({ agency, listing, stage, onStage: setStage, onOpen }: ListProps) {
  const { t, i18n } = useTranslation();
  const money = useLeasingMoney();
  const [prospect, setProspect] = useState<number | null>(null);
  const list = usePagedList('referral_list', { stage, agency_id: agency, listing_id: listing, prospect_id: prospect });
  const locale = i18n.language;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Select<ReferralStage>
          allowClear
          style={{ width: 180 }}
          placeholder={t('leasing.referral.filter_stage')}
          value={stage ?? undefined}
          onChange={(v) => setStage(v ?? null)}
          data-testid="referrals-stage"
          options={enumOptions(t, 'referral_stage', REFERRAL_STAGES, 'referrals-stage-option')}
        />
        <ProspectFilter value={prospect} onChange={setProspect} testId="referrals-prospect" />
      </Space>
      <Table<ReferralRow>
        size="small"
        rowKey="id"
        data-testid="referrals-table"
        {...list.tableProps}
        onRow={(row) => ({ onClick: () => onOpen(row.id), style: { cursor: 'pointer' }, 'data-testid': `referral-row-${row.id}` }) as object}
        columns={[
          { title: t('leasing.referral.prospect'), dataIndex: 'prospect_name' },
          { title: t('leasing.referral.unit'), dataIndex: 'unit_label' },
          { title: t('leasing.referral.listing'), dataIndex: 'listing_title', ellipsis: true },
          { title: t('leasing.referral.agency'), dataIndex: 'agency_name', render: (a: string | null) => a ?? t('leasing.referral.direct') },
          { title: t('leasing.referral.stage'), dataIndex: 'stage', render: (s: ReferralStage) => <StageTag stage={s} /> },
          { title: t('leasing.referral.asking_rent'), dataIndex: 'asking_rent', align: 'right', render: (v: string) => money(v) },
          {
            title: t('leasing.referral.next_viewing'),
            dataIndex: 'next_viewing',
            render: (v: string | null) => formatDateTime(v, locale),
          },
          { title: t('leasing.referral.updated_at'), dataIndex: 'updated_at', render: (v: string) => formatDateTime(v, locale) },
        ]}
      />
    </Space>
  );
}

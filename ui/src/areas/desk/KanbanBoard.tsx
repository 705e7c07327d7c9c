import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  DndContext,
  DragOverlay,
  KeyboardCode,
  KeyboardSensor,
  PointerSensor,
  closestCenter,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { App, Badge, Button, Card, Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { toApiError } from '../../lib/backend';

export type CardKey = string | number;

export type KanbanColumn<C> = {
  /** The status this column stands for; what onMove receives as `toColumn`. */
  key: string;
  title: ReactNode;
  /** The cards loaded for this column (the first page). */
  cards: C[];
  /** The number of cards in the column according to the server (desk counts). */
  total?: number;
  /** The columns a card of this column may be dropped on; every other column when absent. */
  allowedTargets?: readonly string[];
  /** How many cards this column shows, when it differs from the board's limit. */
  limit?: number;
  /** Set when the column cannot load more cards on the board (its "N more" stays disabled). */
  noMore?: boolean;
};

export type KanbanBoardProps<C> = {
  columns: KanbanColumn<C>[];
  cardKey: (card: C) => CardKey;
  renderCard: (card: C) => ReactNode;
  /** A plain-text name of a card for screen-reader announcements ("Case 12"). */
  cardLabel?: (card: C) => string;
  /**
   * Runs the move (the core's transition). While it runs the card shows in the target column;
   * when it rejects, the card goes back and the ApiError's (translated) message is shown.
   */
  onMove: (card: C, toColumn: string, fromColumn: string) => Promise<unknown>;
  /** How many cards a column shows at most; the rest are counted ("1,234 more"). */
  limit?: number;
  /** Called by the "N more" button (open the filtered list, load the next page …). */
  onShowMore?: (column: string) => void;
  /** The test id of a column is this prefix and its key ("kanban-col-new" by default). */
  columnTestIdPrefix?: string;
};

type Pending<C> = { card: C; from: string; to: string; settled: boolean };

const COLUMN_PREFIX = 'column:';

/**
 * Arrow keys jump between columns (left/right) instead of moving the card a few pixels:
 * the next column's centre in that direction becomes the drag position.
 */
const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const { collisionRect, droppableRects } = context;
  if (!collisionRect) return undefined;
  const direction =
    event.code === KeyboardCode.Right || event.code === KeyboardCode.Down
      ? 1
      : event.code === KeyboardCode.Left || event.code === KeyboardCode.Up
        ? -1
        : 0;
  if (!direction) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = [...droppableRects.values()]
    .map((rect) => ({ rect, centre: rect.left + rect.width / 2 }))
    .sort((a, b) => a.centre - b.centre);
  const next =
    direction > 0
      ? columns.find((column) => column.centre > centre + 1)
      : [...columns].reverse().find((column) => column.centre < centre - 1);
  if (!next) return undefined;
  return {
    x: next.rect.left + next.rect.width / 2 - collisionRect.width / 2,
    y: Math.min(collisionRect.top, next.rect.top + 8),
  };
};

/** A kanban board: columns by status, cards dragged with the mouse or moved with the keyboard. */
export function KanbanBoard<C>({
  columns,
  cardKey,
  renderCard,
  cardLabel,
  onMove,
  limit = 50,
  onShowMore,
  columnTestIdPrefix = 'kanban-col-',
}: KanbanBoardProps<C>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState<Map<CardKey, Pending<C>>>(new Map());
  /** The card being dragged: drawn in the overlay, above every column (a column's card list clips). */
  const [dragging, setDragging] = useState<CardKey | null>(null);
  const columnsRef = useRef(columns);

  // A settled move keeps its card in the target column until the caller's columns change
  // (the refetched board holds it there itself).
  useEffect(() => {
    if (columnsRef.current === columns) return;
    columnsRef.current = columns;
    setPending((current) => {
      const kept = new Map([...current].filter(([, move]) => !move.settled));
      return kept.size === current.size ? current : kept;
    });
  }, [columns]);

  const titleOf = (key: string): string => {
    const column = columns.find((c) => c.key === key);
    return typeof column?.title === 'string' ? column.title : key;
  };
  const labelOf = (card: C): string => (cardLabel ? cardLabel(card) : String(cardKey(card)));

  const byKey = useMemo(() => {
    const map = new Map<CardKey, { card: C; column: string }>();
    for (const column of columns) for (const card of column.cards) map.set(cardKey(card), { card, column: column.key });
    return map;
  }, [columns, cardKey]);

  const shown = useMemo(
    () =>
      columns.map((column) => {
        const staying = column.cards.filter((card) => {
          const move = pending.get(cardKey(card));
          return !move || move.to === column.key;
        });
        const arriving = [...pending.values()]
          .filter((move) => move.to === column.key && !column.cards.some((c) => cardKey(c) === cardKey(move.card)))
          .map((move) => move.card);
        const delta = arriving.length - (column.cards.length - staying.length);
        const total = (column.total ?? column.cards.length) + delta;
        return { column, cards: [...arriving, ...staying], total };
      }),
    [columns, pending, cardKey],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const currentColumn = (key: CardKey): string | undefined => pending.get(key)?.to ?? byKey.get(key)?.column;

  const move = (key: CardKey, to: string) => {
    const found = byKey.get(key) ?? [...pending.values()].find((p) => cardKey(p.card) === key);
    const from = currentColumn(key);
    if (!found || !from || from === to) return;
    const card = found.card;
    const source = columns.find((column) => column.key === from);
    if (source?.allowedTargets && !source.allowedTargets.includes(to)) {
      void message.warning({
        content: (
          <span data-testid="kanban-refused">{t('desk.kanban.not_allowed', { from: titleOf(from), to: titleOf(to) })}</span>
        ),
      });
      return;
    }
    if (pending.get(key) && !pending.get(key)!.settled) return; // one move at a time per card
    setPending((current) => new Map(current).set(key, { card, from, to, settled: false }));
    onMove(card, to, from).then(
      () =>
        setPending((current) => {
          const entry = current.get(key);
          if (!entry || entry.to !== to) return current;
          return new Map(current).set(key, { ...entry, settled: true });
        }),
      (reason: unknown) => {
        setPending((current) => {
          const next = new Map(current);
          next.delete(key);
          return next;
        });
        const error = toApiError(reason);
        void message.error({
          content: <span data-testid="kanban-error">{error.message || t(`error.${error.code}`)}</span>,
        });
      },
    );
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(null);
    if (!over) return;
    move(active.id as CardKey, String(over.id).slice(COLUMN_PREFIX.length));
  };

  const columnOf = (id: unknown) => String(id).slice(COLUMN_PREFIX.length);
  const cardOf = (id: CardKey) => {
    const found = byKey.get(id);
    return found ? labelOf(found.card) : String(id);
  };
  const announcements: Announcements = {
    onDragStart: ({ active }: DragStartEvent) => t('desk.kanban.pick_up', { card: cardOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t('desk.kanban.over', { card: cardOf(active.id), column: titleOf(columnOf(over.id)) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t('desk.kanban.dropped', { card: cardOf(active.id), column: titleOf(columnOf(over.id)) }) : undefined,
    onDragCancel: ({ active }) => t('desk.kanban.cancelled', { card: cardOf(active.id) }),
  };
  const number = new Intl.NumberFormat(i18n.language);
  const dragged = dragging === null ? undefined : byKey.get(dragging);

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={({ active }) => setDragging(active.id as CardKey)}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t('desk.kanban.instructions') } }}
    >
      <div className="steward-kanban" role="list" aria-label={t('desk.kanban.board')} data-testid="kanban">
        {shown.map(({ column, cards, total }) => (
          <KanbanColumnView
            key={column.key}
            id={column.key}
            title={column.title}
            count={number.format(total)}
            testId={`${columnTestIdPrefix}${column.key}`}
          >
            {cards.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.kanban.empty')} />
            ) : null}
            {cards.slice(0, column.limit ?? limit).map((card) => {
              const key = cardKey(card);
              const move = pending.get(key);
              return (
                <KanbanCardView key={key} id={key} label={labelOf(card)} busy={Boolean(move && !move.settled)}>
                  {renderCard(card)}
                </KanbanCardView>
              );
            })}
            {total > Math.min(cards.length, column.limit ?? limit) ? (
              <Button
                type="link"
                block
                data-testid={`kanban-more-${column.key}`}
                disabled={!onShowMore || column.noMore}
                onClick={() => onShowMore?.(column.key)}
              >
                {t('desk.kanban.more', { count: number.format(total - Math.min(cards.length, column.limit ?? limit)) })}
              </Button>
            ) : null}
          </KanbanColumnView>
        ))}
      </div>
      <DragOverlay>
        {dragged ? (
          <div className="steward-kanban-card is-dragging" data-testid="kanban-dragged">
            <Card size="small">{renderCard(dragged.card)}</Card>
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

function KanbanColumnView({
  id,
  title,
  count,
  testId,
  children,
}: {
  id: string;
  title: ReactNode;
  count: string;
  testId: string;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: `${COLUMN_PREFIX}${id}` });
  return (
    <section
      ref={setNodeRef}
      role="listitem"
      className={`steward-kanban-column${isOver ? ' is-over' : ''}`}
      data-testid={testId}
      data-column={id}
    >
      <header className="steward-kanban-column-title">
        <Typography.Text strong>{title}</Typography.Text>
        <Badge count={count} showZero color="#1f6f5c" overflowCount={Number.MAX_SAFE_INTEGER} data-testid={`kanban-count-${id}`} />
      </header>
      <div className="steward-kanban-cards">{children}</div>
    </section>
  );
}

function KanbanCardView({ id, label, busy, children }: { id: CardKey; label: string; busy: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  // The card stays in place (dimmed) while the overlay follows the pointer: moved here by a
  // transform it would be clipped by its column's scrolling card list and vanish.
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id });
  return (
    <div
      ref={setNodeRef}
      style={isDragging ? { opacity: 0.4 } : undefined}
      {...attributes}
      {...listeners}
      aria-label={label}
      aria-busy={busy}
      data-testid={`kanban-card-${id}`}
      className={`steward-kanban-card${isDragging ? ' is-dragging' : ''}`}
    >
      <Card size="small" loading={false} style={{ opacity: busy ? 0.6 : 1 }}>
        {children}
        {busy ? <Typography.Text type="secondary">{t('desk.kanban.moving')}</Typography.Text> : null}
      </Card>
    </div>
  );
}

// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { applyLocale } from '../../shared/i18n';
import type { ApiError } from '../../lib/backend';
import { KanbanBoard, type KanbanColumn } from './KanbanBoard';

type Card = { id: number; title: string };

/**
 * jsdom has no layout: give columns side-by-side boxes (300 px apart) and every card a box
 * inside its column, so dnd-kit's keyboard sensor and collision detection have geometry.
 */
function fakeLayout() {
  const box = (left: number, top: number, width: number, height: number) =>
    ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON() {} }) as DOMRect;
  const inColumn = (element: Element) => {
    const column = element.closest('[data-column]');
    if (!column) return box(0, 0, 0, 0);
    const index = [...document.querySelectorAll('[data-column]')].indexOf(column);
    if (element === column) return box(index * 300, 0, 280, 800);
    return box(index * 300 + 10, 60, 260, 40);
  };
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    // The drag overlay starts where the dragged card is (as dnd-kit places it).
    const overlay = this.matches('[data-testid="kanban-dragged"]') || this.querySelector('[data-testid="kanban-dragged"]');
    const picked = overlay ? document.querySelector('[data-column] .is-dragging') : null;
    return inColumn(picked ?? this);
  });
  Element.prototype.scrollIntoView ??= () => {};
}

function columns(cards: Record<string, Card[]>, allowed?: Record<string, string[]>): KanbanColumn<Card>[] {
  return Object.entries(cards).map(([key, list]) => ({
    key,
    title: key.toUpperCase(),
    cards: list,
    allowedTargets: allowed?.[key],
  }));
}

function board(props: {
  columns: KanbanColumn<Card>[];
  onMove: (card: Card, to: string, from: string) => Promise<unknown>;
  limit?: number;
  onShowMore?: (column: string) => void;
}) {
  return render(
    <App>
      <KanbanBoard<Card>
        columns={props.columns}
        cardKey={(card) => card.id}
        cardLabel={(card) => card.title}
        renderCard={(card) => <span>{card.title}</span>}
        onMove={props.onMove}
        limit={props.limit}
        onShowMore={props.onShowMore}
      />
    </App>,
  );
}

/** Keyboard only: focus the card, Space picks it up, → per column to the right, Space drops. */
async function moveRight(cardId: number, steps = 1) {
  const user = userEvent.setup();
  screen.getByTestId(`kanban-card-${cardId}`).focus();
  await user.keyboard('[Space]');
  for (let i = 0; i < steps; i += 1) await user.keyboard('[ArrowRight]');
  await user.keyboard('[Space]');
}

const inColumn = (column: string, text: string) => within(screen.getByTestId(`kanban-col-${column}`)).queryByText(text);

beforeAll(async () => {
  await applyLocale('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('KanbanBoard', () => {
  it('shows columns with titles and counts, capping long columns with the server count', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, title: `Case ${i + 1}` }));
    board({
      columns: [{ key: 'new', title: 'New', cards: many, total: 1234 }, ...columns({ done: [] })],
      onMove: vi.fn(),
      limit: 10,
    });
    const column = within(screen.getByTestId('kanban-col-new'));
    expect(column.getByText('New')).toBeTruthy();
    expect(column.getByTestId('kanban-count-new').textContent).toContain('1,234');
    expect(column.getAllByText(/^Case \d+$/)).toHaveLength(10);
    expect(screen.getByTestId('kanban-more-new').textContent).toBe('1,224 more');
  });

  it('"N more" asks for the next cards of that column, and a column at its limit cannot', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, title: `Case ${i + 1}` }));
    const onShowMore = vi.fn();
    board({
      columns: [
        { key: 'new', title: 'New', cards: many, total: 500, limit: 20 },
        { key: 'dispatched', title: 'Dispatched', cards: many, total: 900, noMore: true },
      ],
      onMove: vi.fn(),
      limit: 10,
      onShowMore,
    });
    expect(within(screen.getByTestId('kanban-col-new')).getAllByText(/^Case \d+$/)).toHaveLength(20);
    fireEvent.click(screen.getByTestId('kanban-more-new'));
    expect(onShowMore).toHaveBeenCalledWith('new');
    expect((screen.getByTestId('kanban-more-dispatched') as HTMLButtonElement).disabled).toBe(true);
  });

  it('a drop on an allowed column calls onMove and shows the card there while it runs', async () => {
    fakeLayout();
    let finish!: () => void;
    const onMove = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    board({ columns: columns({ new: [{ id: 1, title: 'Leaking tap' }], dispatched: [], done: [] }), onMove });
    await moveRight(1);
    expect(onMove).toHaveBeenCalledWith({ id: 1, title: 'Leaking tap' }, 'dispatched', 'new');
    expect(inColumn('dispatched', 'Leaking tap')).toBeTruthy();
    expect(inColumn('new', 'Leaking tap')).toBeNull();
    expect(screen.getByTestId('kanban-count-dispatched').textContent).toContain('1');
    expect(screen.getByTestId('kanban-card-1').getAttribute('aria-busy')).toBe('true');
    await act(async () => finish());
    expect(inColumn('dispatched', 'Leaking tap')).toBeTruthy();
    expect(screen.getByTestId('kanban-card-1').getAttribute('aria-busy')).toBe('false');
  });

  it('a refused move snaps back and shows the translated reason', async () => {
    fakeLayout();
    const refusal: ApiError = { code: 'forbidden', message: 'Only the case owner may verify this work order.', fields: null };
    let refuse!: (reason: ApiError) => void;
    const onMove = vi.fn(() => new Promise((_, reject) => (refuse = reject)));
    board({ columns: columns({ new: [{ id: 7, title: 'Broken lift' }], dispatched: [] }), onMove });
    await moveRight(7);
    expect(inColumn('dispatched', 'Broken lift')).toBeTruthy();
    await act(async () => refuse(refusal));
    expect(inColumn('new', 'Broken lift')).toBeTruthy();
    expect(inColumn('dispatched', 'Broken lift')).toBeNull();
    expect((await screen.findByTestId('kanban-error')).textContent).toBe(refusal.message);
  });

  it('a drop on a forbidden column is refused at once without calling onMove', async () => {
    fakeLayout();
    const onMove = vi.fn(() => Promise.resolve());
    board({
      columns: columns({ new: [{ id: 3, title: 'Noise' }], dispatched: [], done: [] }, { new: ['dispatched'] }),
      onMove,
    });
    await moveRight(3, 2);
    expect(onMove).not.toHaveBeenCalled();
    expect(inColumn('new', 'Noise')).toBeTruthy();
    expect(inColumn('done', 'Noise')).toBeNull();
    expect((await screen.findByTestId('kanban-refused')).textContent).toBe('Cards cannot be moved from “NEW” to “DONE”.');
    await waitFor(() => expect(onMove).not.toHaveBeenCalled());
  });
});

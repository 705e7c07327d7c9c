import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// Any props: the screen keeps its own prop types through M[K].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Screen = ComponentType<any>;

/**
 * A screen loaded on first render from its area's module: every screen of an area comes from
 * the same `load`, so the area is one chunk, fetched once.
 */
export function lazyScreen<M, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K] & Screen> {
  return lazy(async () => ({ default: (await load())[name] as M[K] & Screen }));
}

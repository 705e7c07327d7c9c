import { useMemo, useSyncExternalStore } from 'react';

/**
 * A typed table of hash routes ("#/customers/12", "#/cases/12/work-orders/3?tab=history").
 *
 * Each route is a path pattern; a segment `:name` is a record id (a non-negative integer).
 * Hash routes survive reloads and the Tauri asset protocol, and every navigation is a
 * browser history entry, so back and forward work.
 */

type Segments<P extends string> = P extends `${infer Head}/${infer Rest}` ? Head | Segments<Rest> : P;
type ParamName<S extends string> = S extends `:${infer Name}` ? Name : never;

/** `{ caseId: number; id: number }` for `'cases/:caseId/work-orders/:id'`; `{}` without ids. */
export type PathParams<P extends string> = { [K in ParamName<Segments<P>>]: number };

export type RouteSpec = { readonly path: string };
export type RouteTable = Readonly<Record<string, RouteSpec>>;
export type Query = Readonly<Record<string, string>>;

export type RouteName<T extends RouteTable> = keyof T & string;
export type RouteParams<T extends RouteTable, K extends RouteName<T>> = PathParams<T[K]['path']>;

/** Where the app is: a route of the table, its record ids and its query (possibly empty). */
export type Location<T extends RouteTable> = {
  [K in RouteName<T>]: { name: K; params: RouteParams<T, K>; query: Query };
}[RouteName<T>];

/** Where to go: `params` only for routes with ids, `query` optional. */
export type To<T extends RouteTable> = {
  [K in RouteName<T>]: { name: K; query?: Query } & ([keyof RouteParams<T, K>] extends [never]
    ? { params?: Record<string, never> }
    : { params: RouteParams<T, K> });
}[RouteName<T>];

export type NavigateOptions = { replace?: boolean };

export type Router<T extends RouteTable> = {
  table: T;
  /** "#/customers/12", "/customers/12" or "customers/12" → the location, or null when no route matches. */
  parse: (path: string) => Location<T> | null;
  /** The location as a path without "#/": "customers/12?tab=history". */
  format: (to: To<T>) => string;
  /** The location as a link target: "#/customers/12". */
  href: (to: To<T>) => string;
  /** Goes to a location: a new history entry, or replacing the current one. */
  navigate: (to: To<T>, options?: NavigateOptions) => void;
  /** The current location (null when the hash matches no route); re-renders on every change. */
  useLocation: () => Location<T> | null;
  back: () => void;
  forward: () => void;
};

const ID = /^(0|[1-9]\d*)$/;

function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function currentHash(): string {
  return typeof window === 'undefined' ? '' : window.location.hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

export function createRouter<const T extends RouteTable>(table: T): Router<T> {
  const compiled = Object.entries(table).map(([name, spec]) => ({ name, segments: splitPath(spec.path) }));
  const shapes = new Map<string, string>();
  for (const route of compiled) {
    const shape = route.segments.map((segment) => (segment.startsWith(':') ? ':' : segment)).join('/');
    const clash = shapes.get(shape);
    if (clash) throw new Error(`routes ${clash} and ${route.name} have the same path`);
    shapes.set(shape, route.name);
  }

  const parse = (path: string): Location<T> | null => {
    const raw = path.replace(/^#/, '').replace(/^\/+/, '');
    const mark = raw.indexOf('?');
    const pathPart = mark < 0 ? raw : raw.slice(0, mark);
    const query = Object.fromEntries(new URLSearchParams(mark < 0 ? '' : raw.slice(mark + 1)));
    let parts: string[];
    try {
      parts = splitPath(pathPart).map(decodeURIComponent);
    } catch {
      return null;
    }
    for (const route of compiled) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, number> = {};
      const matches = route.segments.every((segment, index) => {
        const part = parts[index];
        if (!segment.startsWith(':')) return segment === part;
        if (!ID.test(part) || !Number.isSafeInteger(Number(part))) return false;
        params[segment.slice(1)] = Number(part);
        return true;
      });
      if (matches) return { name: route.name, params, query } as unknown as Location<T>;
    }
    return null;
  };

  const format = (to: To<T>): string => {
    const spec = table[to.name];
    if (!spec) throw new Error(`unknown route ${to.name}`);
    const params = (to.params ?? {}) as Record<string, number>;
    const path = splitPath(spec.path)
      .map((segment) => {
        if (!segment.startsWith(':')) return encodeURIComponent(segment);
        const value = params[segment.slice(1)];
        if (!Number.isSafeInteger(value) || value < 0) {
          throw new Error(`route ${to.name} needs a record id for ${segment}, got ${String(value)}`);
        }
        return String(value);
      })
      .join('/');
    const entries = Object.entries(to.query ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return entries.length ? `${path}?${new URLSearchParams(entries).toString()}` : path;
  };

  const href = (to: To<T>) => `#/${format(to)}`;

  const navigate = (to: To<T>, options: NavigateOptions = {}) => {
    const target = href(to);
    if (options.replace) {
      window.history.replaceState(window.history.state, '', target);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else if (window.location.hash !== target) {
      window.location.hash = target;
    }
  };

  const useLocation = () => {
    const hash = useSyncExternalStore(subscribe, currentHash, () => '');
    return useMemo(() => parse(hash), [hash]);
  };

  return {
    table,
    parse,
    format,
    href,
    navigate,
    useLocation,
    back: () => window.history.back(),
    forward: () => window.history.forward(),
  };
}

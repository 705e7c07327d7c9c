import { useEffect, useState } from 'react';

/** Hash routes ("#/customers/12") so reloads and the Tauri asset protocol both work. */
export type Route = { screen: string; id: number | null };

function parse(hash: string): Route {
  const [screen = '', id] = hash.replace(/^#\/?/, '').split('/');
  const parsed = id !== undefined && /^\d+$/.test(id) ? Number(id) : null;
  return { screen: screen || 'customers', id: parsed };
}

export function navigate(path: string): void {
  window.location.hash = path.startsWith('/') ? path : `/${path}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

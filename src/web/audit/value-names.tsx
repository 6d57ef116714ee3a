import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

// Audit records store ids and codes; people read names. Each lookup is made once per page load.
const cache = new Map<string, Promise<string>>();

function cachedName(key: string, load: () => Promise<string>): Promise<string> {
  let name = cache.get(key);
  if (!name) {
    name = load().catch(() => key.slice(key.indexOf(':') + 1));
    cache.set(key, name);
  }
  return name;
}

function useName(key: string, load: () => Promise<string>): string {
  const [name, setName] = useState(() => key.slice(key.indexOf(':') + 1));
  useEffect(() => {
    let live = true;
    void cachedName(key, load).then((n) => { if (live) setName(n); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return name;
}

export function DivisionName({ code }: { code: string }) {
  return <>{useName(`division:${code}`, async () => (await api.divisions.get(code)).division.name)}</>;
}

export function CategoryName({ id }: { id: string }) {
  return <>{useName(`category:${id}`, async () => (await api.categories.list()).find((c) => c.id === id)?.name ?? id)}</>;
}

export function UnitName({ id }: { id: string }) {
  return <>{useName(`unit:${id}`, async () => (await api.units.get(id)).name)}</>;
}

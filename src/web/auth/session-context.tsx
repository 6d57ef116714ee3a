import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client.ts';
import { onSessionProblem } from '../api/transport.ts';
import type { LoginBody, SessionUser } from '../api/types.ts';

export type SessionState =
  | { status: 'loading' }
  /** Why nobody is logged in: never was, the session expired, or the user logged out. */
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'logout' }
  | { status: 'ready'; user: SessionUser };

interface Session {
  state: SessionState;
  login(body: LoginBody): Promise<SessionUser>;
  logout(): Promise<void>;
  /** Reads the session again, e.g. after the password was changed. */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api.auth.me();
      setState({ status: 'ready', user: me.user });
    } catch {
      // 401: nobody is logged in; a network failure also leaves the user at the login page.
      setState({ status: 'anonymous', reason: 'none' });
    }
  }, []);

  useEffect(() => { void refresh(); }, [refresh]);

  useEffect(() => onSessionProblem((error) => {
    if (error.status === 401) setState({ status: 'anonymous', reason: 'expired' });
    else void refresh();
  }), [refresh]);

  const login = useCallback(async (body: LoginBody) => {
    const me = await api.auth.login(body);
    setState({ status: 'ready', user: me.user });
    return me.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.auth.logout();
    } catch {
      // the session may already be gone; the user is logged out either way
    }
    setState({ status: 'anonymous', reason: 'logout' });
  }, []);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in user; only for pages behind the login guard. */
export function useUser(): SessionUser {
  const { state } = useSession();
  if (state.status !== 'ready') throw new Error('useUser without a logged-in user');
  return state.user;
}

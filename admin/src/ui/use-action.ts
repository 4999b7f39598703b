import { useState } from 'react';
import { ApiError } from '../api/client';
import { m } from '../messages';
import { useToast } from './toast';

/** Runs a mutation with a busy flag and maps failures to a toast (403 permission/plan, 409 conflict, 5xx generic). */
export const useAction = () => {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const run = async <T,>(name: string, fn: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(name);
    try {
      const r = await fn();
      if (success) toast(success, 'success');
      return r;
    } catch (e) {
      const msg = e instanceof ApiError ? (e.status === 409 ? e.message || m.common.conflict : e.message) : m.common.error;
      toast(msg, 'error');
      return undefined;
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
};

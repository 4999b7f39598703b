import { useState, type FormEvent } from 'react';
import { loginBodySchema } from '../../../core/contracts';
import { ApiError } from '../api/client';
import { useAuth } from '../auth';
import { m } from '../messages';
import { Button, Field } from '../ui/components';

export const LoginPage = () => {
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const parsed = loginBodySchema.safeParse({ email, password });
    if (!parsed.success) {
      const errs: { email?: string; password?: string } = {};
      for (const i of parsed.error.issues) {
        if (i.path[0] === 'email') errs.email = 'Informe um e-mail válido.';
        if (i.path[0] === 'password') errs.password = 'Informe a senha.';
      }
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    setBusy(true);
    try {
      await login(parsed.data.email, parsed.data.password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? m.login.invalid : err instanceof ApiError ? err.message : m.common.error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
        <h1 id="login-title">{m.login.title}</h1>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <Field label={m.login.email} type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={fieldErrors.email} required />
        <Field label={m.login.password} type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldErrors.password} required />
        <Button type="submit" busy={busy} className="btn-block">
          {busy ? m.login.submitting : m.login.submit}
        </Button>
      </form>
    </main>
  );
};

import request from 'supertest';

/** Logs in through the admin API; throws with the answer when it is not 200. */
export const loginAs = async (app: Parameters<typeof request>[0], email: string, password: string) => {
  const r = await request(app).post('/api/auth/login').send({ email, password });
  if (r.status !== 200) throw new Error(`login failed ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as { accessToken: string; refreshToken: string; csrfToken: string };
};

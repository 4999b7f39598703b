/** The same server URL pointed at another database, optionally as another (password-less) role. */
export const databaseUrl = (url: string, db: string, user?: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};

# syntax=docker/dockerfile:1
# MotoGestor — uma imagem para o processo web (padrão) e para os workers
# (docker-compose.yml troca o comando para `npx tsx bot/worker-main.ts`).

# ---------------------------------------------------------------- dependências
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV CI=true \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1
RUN chown node:node /app
USER node
# Só o necessário para `npm ci`: o postinstall (`tsx prisma/generate.ts`) gera o cliente Prisma,
# offline, a partir de prisma/schema/*.prisma para bot/db/generated. Compila o painel (Vite) em
# admin/dist. Depois tira as devDependencies (prisma CLI, typescript, vitest, vite…) sem rodar o
# postinstall de novo.
COPY --chown=node:node package.json package-lock.json prisma.config.ts tsconfig.json ./
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node core ./core
COPY --chown=node:node admin ./admin
RUN npm ci \
 && test -d bot/db/generated \
 && npx vite build --config admin/vite.config.ts \
 && npm prune --omit=dev --ignore-scripts \
 && npm cache clean --force

# ---------------------------------------------------------------------- runtime
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data \
    NPM_CONFIG_UPDATE_NOTIFIER=false
RUN mkdir -p /app/data && chown -R node:node /app
COPY --chown=node:node --from=deps /app/node_modules ./node_modules
COPY --chown=node:node . .
COPY --chown=node:node --from=deps /app/bot/db/generated ./bot/db/generated
COPY --chown=node:node --from=deps /app/admin/dist ./admin/dist
USER node

EXPOSE 3000
# /healthz: o processo está vivo (sem wget/curl na imagem slim: usa o fetch do Node).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

CMD ["npx", "tsx", "bot/main.ts"]

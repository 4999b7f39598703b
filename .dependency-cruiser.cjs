/**
 * Regras de dependência do MotoGestor (veja /work/shared/ARCHITECTURE.md,
 * "Folders and the dependency rule"):
 *
 *   flows → core;  channels → core;  bot → tudo;  admin → contratos do core;
 *   ninguém importa bot/;  core/ não importa nenhuma biblioteca de I/O.
 *   Só bot/ toca Prisma, BullMQ, ioredis, Express, OpenAI, LangChain, pino,
 *   grammY, Baileys e pg (cada adaptador de canal pode importar a sua própria
 *   biblioteca de fornecedor).
 *
 * Rodar: `npm run lint` (ou `npx depcruise --config .dependency-cruiser.cjs bot channels core flows admin prisma`).
 *
 * Código de teste (`*.test.ts`, `*.spec.ts` e suítes compartilhadas `*.contract.ts`)
 * pode, em qualquer pasta, importar `vitest` e os utilitários de teste em
 * `bot/test-support/`; fora isso segue as mesmas regras da sua pasta.
 */

/**
 * Regex que casa um pacote npm instalado (…/node_modules/nome/… ou …/node_modules/@types/nome/…).
 * Imports que não resolvem são pegos pela regra not-to-unresolvable.
 */
const pkg = (...names) => names.map((n) => `(^|/)node_modules/(@types/)?${n}(/|$)`).join('|');

/** Arquivos de teste: podem importar vitest e bot/test-support/. */
const TEST_FILES = '\\.(test|spec|contract)\\.[cm]?tsx?$';
const TEST_ONLY_DEPS = [pkg('vitest', '@vitest/[^/]+'), '^bot/test-support/'];

/** Biblioteca de fornecedor que cada pasta de canal pode importar (além de core/, zod e builtins do Node). */
const CHANNEL_VENDOR_LIBS = {
  telegram: ['grammy', '@grammyjs/[^/]+'],
  'whatsapp-baileys': ['@whiskeysockets/baileys'],
};
const ALL_CHANNEL_VENDOR_LIBS = Object.values(CHANNEL_VENDOR_LIBS).flat();

/** Bibliotecas de infraestrutura que só bot/ pode importar (fora as de fornecedor de canal, tratadas abaixo). */
const INFRA_LIBS = [
  '@prisma/[^/]+',
  'prisma',
  'bullmq',
  'ioredis',
  'express',
  'openai',
  '@langchain/[^/]+',
  'pino',
  'pg',
  '@electric-sql/[^/]+',
];

/** Pastas de canal que qualquer canal pode importar. */
const CHANNEL_COMMON = ['shared', 'contract'];

module.exports = {
  forbidden: [
    /* ------------------------------------------------------------------ core/ */
    {
      name: 'core-imports-only-zod',
      comment:
        'core/ é o domínio puro: só pode importar zod e outros arquivos de core/. Nada de builtins do Node ' +
        '(node:fs, node:crypto…), nada de outra biblioteca npm, nada de flows/, channels/, bot/, admin/ ou prisma/. ' +
        'Se precisa de I/O, declare uma porta (interface) em core/ e implemente o adaptador em bot/.',
      severity: 'error',
      from: { path: '^core/', pathNot: TEST_FILES },
      to: { pathNot: ['^core/', pkg('zod')] },
    },
    {
      name: 'core-tests-imports-only-zod-vitest-test-support',
      comment:
        'Testes de core/ seguem a regra de core/ e podem, além disso, importar vitest e bot/test-support/.',
      severity: 'error',
      from: { path: `^core/.*${TEST_FILES}` },
      to: { pathNot: ['^core/', pkg('zod'), ...TEST_ONLY_DEPS] },
    },

    /* ----------------------------------------------------------------- flows/ */
    {
      name: 'flows-imports-only-core-and-zod',
      comment:
        'flows/ são funções de passo puras sobre estado JSON: só podem importar core/, flows/ e zod. ' +
        'Sem builtins do Node, sem outras bibliotecas npm, sem channels/, bot/ ou admin/ ' +
        '(testes podem importar também vitest e bot/test-support/).',
      severity: 'error',
      from: { path: '^flows/', pathNot: TEST_FILES },
      to: { pathNot: ['^core/', '^flows/', pkg('zod')] },
    },
    {
      name: 'flows-tests-imports-only-core-zod-vitest-test-support',
      comment: 'Testes de flows/ seguem a regra de flows/ e podem, além disso, importar vitest e bot/test-support/.',
      severity: 'error',
      from: { path: `^flows/.*${TEST_FILES}` },
      to: { pathNot: ['^core/', '^flows/', pkg('zod'), ...TEST_ONLY_DEPS] },
    },

    /* -------------------------------------------------------------- channels/ */
    {
      name: 'channels-not-to-bot-flows-admin-prisma',
      comment:
        'Um adaptador de canal converte o payload do fornecedor para o InboundMessage do core e vice-versa: ' +
        'pode importar core/, a própria pasta, channels/shared|contract, a sua biblioteca de fornecedor e builtins ' +
        'do Node — nunca bot/ (a raiz de composição), flows/, admin/ ou prisma/ ' +
        '(exceção: testes podem importar bot/test-support/).',
      severity: 'error',
      from: { path: '^channels/', pathNot: TEST_FILES },
      to: { path: '^(bot|flows|admin|prisma)/' },
    },
    {
      name: 'channels-tests-not-to-bot-flows-admin-prisma',
      comment: 'Testes de channels/ podem importar bot/test-support/, mas nada mais de bot/, flows/, admin/ ou prisma/.',
      severity: 'error',
      from: { path: `^channels/.*${TEST_FILES}` },
      to: { path: '^(bot|flows|admin|prisma)/', pathNot: '^bot/test-support/' },
    },
    {
      name: 'channels-not-to-other-channel',
      comment:
        'Uma pasta de canal não importa outra pasta de canal (tipos e payloads de um fornecedor não vazam para ' +
        `outro). O que é comum vai em channels/${CHANNEL_COMMON.join(' ou channels/')}.`,
      severity: 'error',
      from: { path: '^channels/([^/]+)/' },
      to: { path: '^channels/', pathNot: [`^channels/$1/`, `^channels/(${CHANNEL_COMMON.join('|')})/`] },
    },
    {
      name: 'channels-npm-only-zod-and-vendor-lib',
      comment:
        'Canais só importam, do npm, zod e a biblioteca do seu fornecedor (veja CHANNEL_VENDOR_LIBS neste arquivo); ' +
        'builtins do Node são permitidos. Para outra biblioteca, discuta e acrescente-a aqui de propósito.',
      severity: 'error',
      from: { path: '^channels/', pathNot: TEST_FILES },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'],
        pathNot: [pkg('zod', ...ALL_CHANNEL_VENDOR_LIBS)],
      },
    },
    ...Object.entries(CHANNEL_VENDOR_LIBS).map(([channel, libs]) => ({
      name: `only-bot-or-channels-${channel}-uses-${libs[0].replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`,
      comment:
        `${libs.join(', ')}: só bot/ e o adaptador channels/${channel}/ podem importar ` +
        '(vendor types never cross into core).',
      severity: 'error',
      from: { pathNot: [`^bot/`, `^channels/${channel}/`] },
      to: { path: pkg(...libs) },
    })),

    /* ----------------------------------------------------------------- admin/ */
    {
      name: 'admin-imports-only-core-contracts-and-react-vite',
      comment:
        'admin/ (React + Vite) fala com bot/ por HTTP usando os contratos zod de core/: pode importar admin/, core/, ' +
        'zod, react, react-dom e o ferramental do Vite. Nunca bot/, flows/, channels/ ou prisma/ nem bibliotecas de ' +
        'servidor. Builtins do Node só no arquivo de configuração do Vite.',
      severity: 'error',
      from: { path: '^admin/', pathNot: TEST_FILES },
      to: {
        pathNot: [
          '^admin/',
          '^core/',
          pkg('zod', 'react', 'react-dom', 'vite', '@vitejs/[^/]+', 'vite-plugin-[^/]+'),
        ],
      },
    },
    {
      name: 'admin-node-builtins-only-in-vite-config',
      comment: 'admin/ roda no navegador: builtins do Node só em admin/vite.config.*.',
      severity: 'error',
      from: { path: '^admin/', pathNot: ['^admin/vite\\.config\\.[cm]?[jt]s$', TEST_FILES] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'admin-tests-imports-only-core-react-vite-vitest',
      comment: 'Testes de admin/ seguem a regra de admin/ e podem importar também vitest e bot/test-support/.',
      severity: 'error',
      from: { path: `^admin/.*${TEST_FILES}` },
      to: {
        dependencyTypesNot: ['core'],
        pathNot: [
          '^admin/',
          '^core/',
          pkg('zod', 'react', 'react-dom', 'vite', '@vitejs/[^/]+', 'vite-plugin-[^/]+'),
          pkg('@testing-library/[^/]+', 'jsdom', 'happy-dom'),
          ...TEST_ONLY_DEPS,
        ],
      },
    },

    /* ------------------------------------------------------------------- bot/ */
    {
      name: 'nothing-imports-bot',
      comment:
        'bot/ é o programa em execução e a raiz de composição: nada fora de bot/ importa bot/ ' +
        '(inverta a dependência com uma porta em core/). Exceção: arquivos de teste podem importar bot/test-support/.',
      severity: 'error',
      from: { pathNot: ['^bot/', TEST_FILES] },
      to: { path: '^bot/' },
    },
    {
      name: 'tests-outside-bot-import-only-bot-test-support',
      comment: 'Fora de bot/, um teste só pode importar de bot/ o que está em bot/test-support/.',
      severity: 'error',
      from: { path: TEST_FILES, pathNot: '^bot/' },
      to: { path: '^bot/', pathNot: '^bot/test-support/' },
    },
    {
      name: 'only-bot-uses-infra-libs',
      comment:
        'Somente bot/ toca a infraestrutura: @prisma/*, o cliente Prisma gerado (bot/db/generated), bullmq, ioredis, ' +
        'express, openai, @langchain/*, pino, pg e o PGlite. core/, flows/, channels/, admin/ e prisma/ recebem essas ' +
        'capacidades por portas (interfaces) definidas em core/.',
      severity: 'error',
      from: { pathNot: '^bot/' },
      to: { path: [pkg(...INFRA_LIBS), '^bot/db/generated/'] },
    },

    /* ----------------------------------------------------------------- geral */
    {
      name: 'no-circular-core-flows',
      comment:
        'Sem dependências circulares em core/ e flows/: quebre o ciclo movendo o tipo compartilhado para um ' +
        'módulo próprio (ex.: types.ts).',
      severity: 'error',
      from: { path: '^(core|flows)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Import que não resolve para um arquivo nem para um pacote instalado: caminho errado, extensão errada ' +
        'ou pacote ausente do package.json/node_modules.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment:
        'Pacote npm usado mas não declarado no package.json (chega só como dependência transitiva): declare-o ' +
        'ou não o use.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep-outside-tests',
      comment:
        'Código de produção não importa devDependencies (o build de produção pode instalar só dependencies). ' +
        'Tipos (import type) e arquivos de teste são permitidos.',
      severity: 'error',
      from: { path: '^(bot|channels|core|flows|prisma)/', pathNot: [TEST_FILES, '^bot/test-support/', '^bot/bench/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: pkg('@types/[^/]+') },
    },
  ],

  options: {
    // node_modules e o cliente Prisma gerado (bot/db/generated) são folhas: o import aparece (e as regras
    // acima o veem), mas o conteúdo não é analisado. Não os coloque em `exclude`: excluir um módulo também
    // apaga as arestas que chegam nele, e regras como only-bot-uses-infra-libs deixariam de disparar.
    doNotFollow: { path: ['(^|/)node_modules/', '^bot/db/generated/'] },
    // Fora da análise por completo: build do admin, dados locais (PGlite), rascunhos, cobertura, e o próprio
    // conteúdo de node_modules/bot/db/generated quando passados como ponto de partida.
    exclude: {
      path: ['^bot/db/generated/.+/', '^admin/dist/', '^data/', '^scratch/', '(^|/)coverage/'],
    },
    // Fontes TypeScript com imports sem extensão; "import type" também conta como dependência.
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs', 'tsd'],
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};

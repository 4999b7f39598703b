/** Everything the operator reads, in pt-BR. */
export const HELP = `MotoGestor — linha de comando do operador

Uso: npm run mg -- <comando> [opções]

Comandos:
  migrate                     Aplica as migrações do banco de dados
  tenant:create               Cria uma oficina e o usuário dono
      --name "Oficina X" --slug oficina-x --city "Campinas" --owner-email dono@oficina.com
      [--owner-name "Nome"] [--state SP] [--plan basico|pro|premium] [--pix-key chave]
  tenant:list                 Lista todas as oficinas
  channel:add                 Conecta um canal a uma oficina
      --tenant <slug> --kind whatsapp_cloud|whatsapp_baileys|telegram|voice|webchat
      --external-id <id> [--name "Nome"] [--secret chave=valor ...]
  staff:add                   Cria um usuário da equipe
      --tenant <slug> --email <email> --name "Nome" [--role staff|owner]
  staff:link-code             Gera um código para vincular o Telegram de um usuário (15 min)
      --tenant <slug> --email <email>
  catalogue:export            Exporta o catálogo em CSV (formato do Excel)
      --tenant <slug> [--out arquivo.csv]
  catalogue:import            Importa o catálogo de um CSV (atualiza pelo SKU)
      --tenant <slug> --file arquivo.csv
  seed:demo                   Cria a oficina de demonstração (se ainda não existir)
  help                        Mostra esta ajuda

--tenant aceita o slug ou o id (UUID) da oficina.`;

export const MSG = {
  unknownCommand: (c: string) => `Comando desconhecido: "${c}". Use "npm run mg -- help" para ver os comandos.`,
  noCommand: 'Informe um comando. Use "npm run mg -- help" para ver os comandos.',
  unknownOption: (o: string) => `Opção desconhecida: ${o}.`,
  missingValue: (o: string) => `A opção ${o} precisa de um valor.`,
  unexpectedArgument: (a: string) => `Argumento inesperado: "${a}". Os valores vão depois de uma opção, como --name "Oficina X".`,
  badArguments: (detail: string) => `Argumentos inválidos: ${detail}`,
  required: (flag: string) => `A opção --${flag} é obrigatória.`,
  empty: (flag: string) => `A opção --${flag} não pode ficar vazia.`,
  invalidEmail: (v: string) => `E-mail inválido: "${v}".`,
  invalidSlug: (v: string) =>
    `Slug inválido: "${v}". Use de 3 a 50 letras minúsculas, números e hífens, como oficina-do-ze.`,
  invalidUuid: (v: string) => `Id inválido: "${v}". Esperado um UUID.`,
  invalidChoice: (flag: string, v: string, choices: readonly string[]) =>
    `Valor inválido para --${flag}: "${v}". Use um de: ${choices.join(', ')}.`,
  invalidState: (v: string) => `UF inválida: "${v}". Use a sigla com duas letras, como SP.`,
  invalidSecret: (v: string) => `Segredo inválido: "${v}". Use --secret chave=valor.`,
  duplicateSecret: (k: string) => `Segredo repetido: "${k}".`,
  unknownTenant: (t: string) => `Oficina não encontrada: "${t}". Veja as oficinas com "npm run mg -- tenant:list".`,
  slugTaken: (s: string) => `Já existe uma oficina com o slug "${s}". Escolha outro.`,
  emailTaken: (e: string) => `Já existe um usuário com o e-mail ${e}.`,
  channelTaken: (kind: string, id: string) => `O canal ${kind} com id externo "${id}" já está cadastrado.`,
  unknownUser: (e: string, t: string) => `Usuário ${e} não encontrado na oficina "${t}".`,
  userInactive: (e: string) => `O usuário ${e} está desativado.`,
  fileNotFound: (f: string) => `Não foi possível ler o arquivo "${f}".`,
  csvErrors: (n: number) => `Nenhum item foi importado: ${n === 1 ? '1 erro' : `${n} erros`} no arquivo. Corrija e importe de novo.`,
  csvLine: (line: number, message: string) => `  linha ${line}: ${message}`,
  unexpected: (m: string) => `Erro inesperado: ${m}`,
} as const;

/**
 * Words worth correcting when misspelt: domain terms and intent cue words.
 * A token at a small edit distance from one of these (and not itself a
 * known word) is replaced by it, so "oleu", "pastilia", "corente",
 * "revizao" and "orsamento" reach the same rules as the correct spelling.
 */
export const TYPO_TARGETS: readonly string[] = [
  'oleo', 'filtro', 'pastilha', 'pastilhas', 'corrente', 'relacao', 'revisao', 'orcamento',
  'freio', 'freios', 'embreagem', 'bateria', 'pneu', 'pneus', 'camara', 'valvula', 'valvulas',
  'carburador', 'injetor', 'retentor', 'retentores', 'bengala', 'suspensao', 'estator',
  'regulador', 'farol', 'pisca', 'lona', 'lonas', 'fluido', 'coroa', 'pinhao', 'diagnostico',
  'barulho', 'chiando', 'falhando', 'vazando', 'quanto', 'preco', 'valor', 'agendar', 'agendamento',
  'horario', 'marcar', 'obrigado', 'obrigada', 'cancelar', 'cancela', 'atendente', 'mecanico',
  'pronta', 'pronto', 'amanha', 'segunda', 'terca', 'quarta', 'quinta', 'sexta', 'sabado',
  'domingo', 'manha', 'tarde', 'noite', 'trocar', 'troca', 'queria', 'gostaria', 'quilometragem',
  'aprovado', 'aprovo', 'autorizo', 'pagamento', 'pagar', 'cartao', 'parcelado', 'dianteiro',
  'traseiro', 'dianteira', 'traseira', 'careca', 'titan', 'twister', 'bizinha', 'crosser',
  'lander', 'factor', 'hornet', 'previsao', 'novidade', 'descadastrar', 'receber', 'mensagens',
  'comprovante', 'orcamento', 'beleza', 'fechado', 'combinado', 'desmarcar', 'transferencia',
];

/** Common words that look like typos of the targets but are not ("cara", "pode", "hora"). */
export const KNOWN_WORDS: ReadonlySet<string> = new Set([
  'cara', 'caro', 'cada', 'para', 'pare', 'parar', 'pode', 'hora', 'horas', 'moto', 'motos',
  'quando', 'quanta', 'quantas', 'quantos', 'queria', 'quero', 'frente', 'fria', 'troco',
  'tarda', 'santa', 'certa', 'certo', 'pronto', 'prova', 'marca', 'marco', 'menos', 'manda',
  'mando', 'carro', 'corre', 'correu', 'agenda', 'valeu', 'falou', 'senha', 'sexto', 'quinto',
  'roda', 'rodas', 'rodou', 'lata', 'lado', 'bela', 'sala', 'cera', 'freia', 'trocou', 'trocaram',
  'toca', 'tocar', 'cancelou', 'pagou', 'paguei', 'pagar', 'pagando', 'mecanica', 'mecanicos',
  'aprova', 'aprovar', 'aprovada', 'cartaz', 'preto', 'prato', 'porta', 'ponta', 'pontas',
  'falha', 'falhas', 'tardes', 'noites', 'manhas', 'barulhos', 'vazou', 'vaza', 'olha', 'olho',
  'filho', 'filha', 'corrida', 'corridas', 'relogio', 'trocado', 'trocada', 'valor', 'valores',
  'ola', 'oleos', 'lonas', 'pneu', 'pneus', 'sabe', 'saber', 'bateu', 'batida', 'quanto',
  'loja', 'parte', 'partes', 'cerca', 'perca', 'frio', 'fala', 'falei', 'tirar', 'carga', 'cargo',
  'start', 'banco', 'deixa', 'deixar', 'fazer', 'faria', 'mandar', 'marcou', 'ganha', 'tanto',
  'tanta', 'santo', 'pinta', 'punho', 'lento', 'barato', 'barata', 'trava', 'volta', 'vale',
  'segura', 'seguro', 'quinto', 'nota', 'novo', 'nova', 'preta', 'porto', 'lanche', 'gasolina',
  'pagina', 'cartas', 'carta', 'sexo', 'pelo', 'pela', 'vela', 'velas', 'falta', 'faltou',
  'pronta', 'prontas', 'prontos', 'marcado', 'marcada', 'receba', 'recebi', 'recebe',
  'minha', 'minhas', 'meus', 'sua', 'suas', 'seus', 'nossa', 'nosso', 'dela', 'dele', 'essa',
  'esse', 'esses', 'essas', 'isso', 'aqui', 'agora', 'ainda', 'tenho', 'tinha', 'fica', 'ficou',
  'quero', 'preciso', 'precisa', 'consegue', 'consigo', 'voces', 'estou', 'estava', 'esta',
  'vamos', 'mesmo', 'mesma', 'sobre', 'entao', 'depois', 'antes', 'porque', 'muito', 'muita',
  'pouco', 'quando', 'onde', 'como', 'qual', 'quais', 'tudo', 'semana', 'mais', 'favor',
  'gente', 'mano', 'irmao', 'amigo', 'chefe', 'patrao', 'oficina', 'servico', 'servicos',
  'peca', 'pecas', 'dias', 'hoje', 'ontem', 'tempo', 'vezes', 'sempre', 'nunca', 'todo', 'toda',
  'todos', 'todas', 'outro', 'outra', 'outros', 'coisa', 'coisas', 'nada', 'alguem', 'ninguem',
  'manda', 'mande', 'liga', 'ligar', 'ligue', 'chama', 'chamar', 'fazem', 'fazendo', 'feito',
  'feita', 'trazer', 'levar', 'levo', 'passar', 'passo', 'buscar', 'pegar', 'pego', 'deixo',
  'posso', 'podem', 'podia', 'poderia', 'seria', 'sera', 'estao', 'tambem', 'obrigado',
  'beleza', 'certeza', 'claro', 'show', 'massa', 'firmeza', 'tranquilo', 'perfeito', 'otimo',
  'bacana', 'valeu', 'grato', 'grata', 'tchau', 'abraco', 'abracos', 'mensagem', 'numero',
  'nome', 'placa', 'modelo', 'motor', 'ficar', 'sabado', 'quinta', 'quarta', 'terca', 'segunda',
  'trocando', 'troquei', 'trocaria', 'trocam', 'troque', 'marcar', 'marque', 'marca',
  'endereco', 'aberto', 'abrem', 'abre', 'fecha', 'fecham', 'fechado', 'fechou', 'fecho',
  'barulhinho', 'chiado', 'falhou', 'vazamento', 'careca', 'carecas', 'pastilhas',
  'cobra', 'cobram', 'custa', 'custo', 'sai', 'saiu', 'pagamento', 'dinheiro', 'debito',
  'credito', 'parcela', 'parcelas', 'vista', 'desconto', 'caro', 'cara', 'caros', 'caras',
]);

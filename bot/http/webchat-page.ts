/** A small, dependency-free chat page (pt-BR, mobile first). The slug is validated before it gets here. */
export const webchatPage = (slug: string): string => `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat da oficina</title>
<style>
  :root { --bg:#efeae2; --me:#d9fdd3; --them:#fff; --accent:#0b7a5a; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin:0; background:var(--bg); display:flex; flex-direction:column; height:100dvh; }
  header { background:var(--accent); color:#fff; padding:12px 16px; font-weight:600; }
  #log { flex:1; overflow-y:auto; padding:12px; display:flex; flex-direction:column; gap:8px; }
  .msg { max-width:80%; padding:8px 12px; border-radius:10px; white-space:pre-wrap; line-height:1.35; box-shadow:0 1px 1px rgba(0,0,0,.08); }
  .in { align-self:flex-end; background:var(--me); }
  .out { align-self:flex-start; background:var(--them); }
  .buttons { display:flex; flex-wrap:wrap; gap:6px; margin-top:6px; }
  .buttons button, .copy { border:1px solid var(--accent); color:var(--accent); background:#fff; border-radius:16px; padding:6px 12px; font-size:14px; cursor:pointer; }
  code { display:block; word-break:break-all; background:#f4f4f4; padding:6px; border-radius:6px; margin-top:6px; font-size:12px; }
  form { display:flex; gap:8px; padding:8px; background:#f0f0f0; }
  input { flex:1; font-size:16px; padding:10px 12px; border-radius:20px; border:1px solid #ccc; }
  form button { background:var(--accent); color:#fff; border:0; border-radius:20px; padding:0 16px; font-size:16px; }
</style>
</head>
<body>
<header>Fale com a oficina</header>
<main id="log" aria-live="polite" aria-label="Conversa"></main>
<form id="f"><label for="t" style="position:absolute;left:-9999px">Mensagem</label><input id="t" autocomplete="off" placeholder="Escreva sua mensagem" required><button type="submit">Enviar</button></form>
<script>
const slug = ${JSON.stringify(slug)};
const key = 'mg-chat-' + slug;
let session = localStorage.getItem(key);
if (!session) { session = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now()).replace(/[^A-Za-z0-9]/g, ''); localStorage.setItem(key, session); }
const log = document.getElementById('log');
const seen = new Set();
let after = null;
function render(m) {
  if (seen.has(m.id)) return; seen.add(m.id);
  const d = document.createElement('div'); d.className = 'msg ' + m.direction; d.textContent = m.text || '';
  if (m.copyText) { const c = document.createElement('code'); c.textContent = m.copyText; d.appendChild(c);
    const b = document.createElement('button'); b.className = 'copy'; b.type = 'button'; b.textContent = 'Copiar código Pix';
    b.onclick = () => navigator.clipboard && navigator.clipboard.writeText(m.copyText).then(() => { b.textContent = 'Copiado!'; }); d.appendChild(b); }
  if (m.link) { const a = document.createElement('a'); a.href = m.link.url; a.textContent = m.link.title; a.target = '_blank'; a.rel = 'noopener'; d.appendChild(document.createElement('br')); d.appendChild(a); }
  if (m.buttons && m.buttons.length) { const w = document.createElement('div'); w.className = 'buttons';
    m.buttons.forEach((bt) => { const b = document.createElement('button'); b.type = 'button'; b.textContent = bt.title; b.onclick = () => send(null, bt.id, bt.title); w.appendChild(b); }); d.appendChild(w); }
  log.appendChild(d); log.scrollTop = log.scrollHeight;
}
async function poll() {
  try {
    const r = await fetch('/api/chat/' + slug + '/messages?sessionId=' + session + (after ? '&after=' + encodeURIComponent(after) : ''));
    if (r.ok) { const { messages } = await r.json(); messages.forEach((m) => { render(m); after = m.createdAt; }); }
  } catch (e) {}
  setTimeout(poll, 1200);
}
async function send(text, choiceId, choiceTitle) {
  const body = { sessionId: session, messageId: (crypto.randomUUID ? crypto.randomUUID() : String(Date.now())).replace(/[^A-Za-z0-9]/g, '') };
  if (text) body.text = text; if (choiceId) { body.choiceId = choiceId; body.choiceTitle = choiceTitle; }
  await fetch('/api/chat/' + slug, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}
document.getElementById('f').onsubmit = (e) => { e.preventDefault(); const t = document.getElementById('t'); const v = t.value.trim(); if (!v) return; t.value = ''; send(v); };
poll();
</script>
</body>
</html>`;

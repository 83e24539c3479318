/**
 * The inspector page: one HTML document, one stylesheet and one script, built into the package (no CDN, no
 * framework). The script is `client.ts`, serialised from its compiled function.
 */
import { client } from "./client.js"

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sinch emulator inspector</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="app.css">
<script src="app.js" defer></script>
</head>
<body>
<a class="skip" href="#messages">Skip to the messages</a>
<header class="top">
  <h1>Sinch emulator <span>inspector</span></h1>
  <label>Project <select id="project"></select></label>
  <label>App <select id="app"></select></label>
  <span id="stats" class="muted"></span>
  <span id="live" class="live" role="status">○ connecting</span>
</header>
<div class="tabs" role="tablist" aria-label="Views">
  <button type="button" role="tab" id="tab-conversations" aria-controls="view-conversations" aria-selected="true">Conversations</button>
  <button type="button" role="tab" id="tab-callbacks" aria-controls="view-callbacks" aria-selected="false" tabindex="-1">Callbacks</button>
  <button type="button" role="tab" id="tab-faults" aria-controls="view-faults" aria-selected="false" tabindex="-1">Faults</button>
</div>
<div id="error" class="error" role="alert" hidden></div>
<div id="announce" class="visually-hidden" role="status" aria-live="polite"></div>
<main>
<section id="view-conversations" class="view conversations" role="tabpanel" aria-labelledby="tab-conversations">
  <nav class="sidebar" aria-label="Conversations and contacts">
    <div class="segmented" role="group" aria-label="List">
      <button type="button" id="list-conversations" aria-pressed="true">Conversations</button>
      <button type="button" id="list-contacts" aria-pressed="false">Contacts</button>
    </div>
    <ul id="nav-list" class="nav-list"></ul>
    <button type="button" id="nav-more" class="more" hidden>Load more</button>
  </nav>
  <section class="thread" aria-label="Conversation">
    <header id="thread-head" class="thread-head"><p class="muted">No conversation selected</p></header>
    <div id="messages" class="messages" role="log" aria-label="Messages" tabindex="0"></div>
    <form id="composer" class="composer" aria-label="Reply as the contact" hidden>
      <label>From <select id="reply-identity"></select></label>
      <label>Kind <select id="reply-kind">
        <option value="text">Text</option><option value="media">Media</option><option value="location">Location</option>
      </select></label>
      <label class="grow" data-for="text">Message <input id="reply-text" autocomplete="off" placeholder="Type a reply"></label>
      <label class="grow" data-for="media" hidden>Media URL <input id="reply-media" type="url" placeholder="https://..."></label>
      <span class="grow fields" data-for="location" hidden>
        <label>Latitude <input id="reply-lat" inputmode="decimal" size="9"></label>
        <label>Longitude <input id="reply-lon" inputmode="decimal" size="9"></label>
        <label>Title <input id="reply-title" size="12"></label>
      </span>
      <button type="submit" id="reply-send" class="primary">Send as contact</button>
      <button type="button" id="composing">Composing…</button>
    </form>
  </section>
</section>
<section id="view-callbacks" class="view callbacks" role="tabpanel" aria-labelledby="tab-callbacks" hidden>
  <div class="table-wrap">
    <table>
      <caption>Every delivery to every webhook, newest first · <span id="pending">0 pending</span></caption>
      <thead><tr><th scope="col">#</th><th scope="col">Trigger</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Latency</th></tr></thead>
      <tbody id="deliveries-body"></tbody>
    </table>
    <button type="button" id="deliveries-more" class="more" hidden>Load older</button>
  </div>
  <section id="delivery-detail" class="detail" aria-label="Callback detail" aria-live="polite"><p class="muted">Select a callback to see its attempts, signature headers and body.</p></section>
</section>
<section id="view-faults" class="view faults" role="tabpanel" aria-labelledby="tab-faults" hidden>
  <form id="fault-form" class="fault-form" aria-label="Add a fault">
    <label>Operation <select id="fault-operation"></select></label>
    <label>Fault <select id="fault-kind"></select></label>
    <label>Status <input id="fault-status" type="number" min="400" max="599" placeholder="503" size="5"></label>
    <label>Delay (ms) <input id="fault-millis" type="number" min="0" placeholder="1000" size="6"></label>
    <label>Count <input id="fault-count" type="number" min="1" placeholder="every request" size="8"></label>
    <label>Probability <input id="fault-probability" type="number" min="0" max="1" step="0.1" placeholder="1" size="4"></label>
    <button type="submit" id="fault-add" class="primary">Add fault</button>
  </form>
  <h2>Active faults</h2>
  <ul id="fault-list" class="fault-list"></ul>
  <button type="button" id="faults-clear">Clear all faults</button>
</section>
</main>
</body>
</html>
`

const css = `
:root{--bg:#f6f7f9;--fg:#1b1f24;--muted:#5a6270;--line:#d5d9e0;--accent:#0a58ca;--out:#dcf1ff;--in:#fff;--err:#b00020;
font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0;height:100vh;display:flex;flex-direction:column}
[hidden]{display:none!important}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px;z-index:9}
.muted{color:var(--muted)}
button,select,input{font:inherit;color:inherit}
button{border:1px solid var(--line);background:#fff;border-radius:6px;padding:4px 10px;cursor:pointer}
button:hover{border-color:var(--accent)}button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}
button.link{border:0;background:none;color:var(--accent);padding:0 4px;text-decoration:underline}
input,select{border:1px solid #8a93a3;border-radius:6px;padding:4px 6px;background:#fff;color:var(--fg)}
.top{display:flex;gap:16px;align-items:center;padding:8px 16px;background:#14213d;color:#fff;flex-wrap:wrap}
.top h1{font-size:16px;margin:0}.top h1 span{font-weight:400;opacity:.8}.top .muted{color:#c9d1e0}
.top select{max-width:320px}.live{margin-left:auto;font-weight:600}
.tabs{display:flex;gap:4px;padding:6px 16px 0;border-bottom:1px solid var(--line);background:#fff}
.tabs [role=tab]{border:0;border-bottom:3px solid transparent;border-radius:0;background:none;padding:6px 12px}
.tabs [aria-selected=true]{border-bottom-color:var(--accent);font-weight:600}
.error{background:#fde7ea;color:var(--err);padding:6px 16px;border-bottom:1px solid #f3b7c0}
main{flex:1;min-height:0;display:flex}
.view{flex:1;min-height:0;min-width:0;display:flex}
.sidebar{width:300px;border-right:1px solid var(--line);background:#fff;display:flex;flex-direction:column;min-height:0}
.segmented{display:flex;gap:4px;padding:8px}.segmented [aria-pressed=true]{background:#e6efff;border-color:var(--accent)}
.nav-list{list-style:none;margin:0;padding:0;overflow:auto;flex:1}
.nav-item{display:grid;grid-template-columns:1fr auto;gap:2px 6px;width:100%;text-align:left;border:0;border-bottom:1px solid #eef0f3;border-radius:0;padding:8px 10px;background:none}
.nav-item.current{background:#e6efff}.nav-item .who{font-weight:600;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nav-item .preview{grid-column:1/3;color:var(--muted);overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.empty{padding:10px;color:var(--muted)}.more{margin:8px}
.badge{font-size:11px;border-radius:10px;padding:1px 7px;background:#e8eaee;color:#2d3440;align-self:center}
.badge.ch-WHATSAPP{background:#d7f5e1;color:#0b5d2a}.badge.ch-SMS,.badge.ch-MMS{background:#eceff3}
.badge.ch-MESSENGER,.badge.ch-INSTAGRAM{background:#e2e9ff;color:#1c3d99}.badge.ch-RCS{background:#efe4ff;color:#4b1f8f}
.badge.ch-TELEGRAM{background:#dff1fb;color:#0c5176}.badge.ch-VIBER,.badge.ch-VIBERBM{background:#eee4fb;color:#5a2a91}
.thread{flex:1;display:flex;flex-direction:column;min-width:0}
.thread-head{display:flex;gap:10px;align-items:baseline;padding:8px 16px;border-bottom:1px solid var(--line);background:#fff;flex-wrap:wrap}
.thread-head h2{font-size:16px;margin:0}
.messages{flex:1;overflow:auto;padding:12px 16px;display:flex;flex-direction:column;gap:10px}
.msg{max-width:min(560px,80%);display:flex;flex-direction:column;gap:2px}
.msg.out{align-self:flex-end;align-items:flex-end}.msg.in{align-self:flex-start}
.bubble{background:var(--in);border:1px solid var(--line);border-radius:14px;padding:8px 12px;max-width:100%}
.msg.out .bubble{background:var(--out);border-color:#b6dcf7}
.msg.out.ch-WHATSAPP .bubble{background:#dcf8c6;border-color:#b9e3a0}
.msg.ch-SMS .bubble,.msg.ch-MMS .bubble{border-radius:18px;font-family:ui-monospace,monospace;font-size:13px}
.msg.out.ch-SMS .bubble,.msg.out.ch-MMS .bubble{background:#1767d4;color:#fff;border-color:#1767d4}
.msg.out.ch-MESSENGER .bubble,.msg.out.ch-INSTAGRAM .bubble{background:#0866ff;color:#fff;border-color:#0866ff}
.msg.out.ch-MESSENGER .bubble a,.msg.out.ch-SMS .bubble a{color:#fff}
.text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta{display:flex;gap:8px;align-items:center;font-size:12px;color:var(--muted);flex-wrap:wrap}
.status{border-radius:8px;padding:0 6px;font-weight:600}
.status-queued{background:#fff3cd;color:#6b4e00}.status-delivered{background:#d9f2e3;color:#0b5d2a}
.status-read{background:#dbe8ff;color:#123f91}.status-failed{background:#fde7ea;color:var(--err)}
.status-no-report{background:#eceff3;color:#4a5260}
.payload pre,.json{background:#0f1720;color:#e6edf3;padding:8px;border-radius:6px;overflow:auto;max-height:360px;font-size:12px}
.media{margin:0}.media img{max-width:240px;max-height:180px;border-radius:8px;display:block}
.media figcaption{font-size:12px;overflow-wrap:anywhere}.media-missing{font-size:12px;color:var(--muted)}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.choice{border:1px solid var(--accent);color:var(--accent);background:#fff;border-radius:16px;padding:3px 10px;text-decoration:none;font-size:13px}
.card{background:#fff;color:var(--fg);border:1px solid var(--line);border-radius:10px;padding:8px;display:flex;flex-direction:column;gap:4px;min-width:180px}
.card p{margin:0}
.carousel{display:flex;gap:8px;overflow-x:auto;padding-bottom:4px}
.location{display:flex;gap:8px;align-items:center;background:#eef6ee;color:var(--fg);border-radius:8px;padding:8px}.location .pin{font-size:24px}
.coords{font-family:ui-monospace,monospace;font-size:12px}
.contact-info,.list,.template{display:flex;flex-direction:column;gap:2px}
.list details{background:#fff;color:var(--fg);border-radius:8px;padding:4px 8px;border:1px solid var(--line)}
.list .section-title{font-weight:600;margin-top:4px}.list .choice{display:block;margin:4px 0;text-align:left}
.template dl,.headers,.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:4px 0}
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
.composer{display:flex;gap:8px;align-items:end;padding:10px 16px;border-top:1px solid var(--line);background:#fff;flex-wrap:wrap}
.composer label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
.composer .grow{flex:1;min-width:200px}.composer .fields{display:flex;gap:8px}
.callbacks .table-wrap{flex:1.3;overflow:auto;background:#fff;border-right:1px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:13px}caption{text-align:left;padding:8px;color:var(--muted)}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eef0f3;white-space:nowrap}
td.target{max-width:260px;overflow:hidden;text-overflow:ellipsis}tr.current{background:#e6efff}
.outcome{font-weight:600}.outcome-delivered{color:#0b5d2a}.outcome-pending{color:#6b4e00}
.outcome-rejected,.outcome-gave_up{color:var(--err)}
.detail{flex:1;overflow:auto;padding:8px 16px}.detail h2{font-size:16px}.detail h3{font-size:14px;margin:12px 0 4px}
.attempts li{margin-bottom:6px}
.faults{flex-direction:column;padding:16px;gap:8px;overflow:auto}
.fault-form{display:flex;gap:10px;align-items:end;flex-wrap:wrap;background:#fff;padding:10px;border:1px solid var(--line);border-radius:8px}
.fault-form label{display:flex;flex-direction:column;font-size:12px;color:var(--muted);gap:2px}
.faults h2{font-size:15px;margin:8px 0 0}.fault-list{list-style:none;padding:0;margin:0}
.fault-list li{padding:6px 8px;background:#fff;border:1px solid var(--line);border-radius:6px;margin-bottom:4px}
.faults > button{align-self:flex-start}
`

/** The page's three assets. */
export const page = {
  html,
  css,
  // a transpiler that keeps function names (tsx, vitest) wraps functions in `__name(...)`: define it in the page
  js: `(function () {\nvar __name = function (f) { return f }\n;(${client.toString()})()\n})()\n`
}

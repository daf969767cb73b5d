/* The chat box, used by the public page (/api/chat), the console's assistant (/helpdesk/api/chat) and,
   read-only, the console's conversation view. Text is only ever set with textContent. */
(function () {
  'use strict';

  const Card = window.LiangyeCard;
  const el = Card.el;
  const MAX_CHARS = 2000;
  const POLL_MS = 4000;
  const SUGGESTIONS = ['我想做资格自查', '申报需要准备哪些材料', '有哪些支持政策', '转人工咨询'];

  function senderId() {
    const key = 'liangye.sender';
    let id = null;
    try { id = localStorage.getItem(key); } catch (err) { /* storage blocked */ }
    if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      const bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      id = 'web-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      try { localStorage.setItem(key, id); } catch (err) { /* the id lasts for this page only */ }
    }
    return id;
  }

  function timeText(iso) {
    const date = iso ? new Date(iso) : new Date();
    if (Number.isNaN(date.getTime())) return '';
    return date.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
  }

  function setup(root) {
    const api = root.dataset.api;
    const readonly = Boolean(root.dataset.readonly); // the console's view of a user's conversation
    const isPublic = 'publicSender' in root.dataset;
    const sender = isPublic ? senderId() : null;
    const csrfMeta = document.querySelector('meta[name="csrf-token"]');
    const csrf = csrfMeta ? csrfMeta.getAttribute('content') : '';

    const rendered = new Set();
    let lastId = 0;
    let sending = false;
    let failed = null; // {message, display, bubble, id}: id when the server logged the message it could not answer

    /* ---- DOM ---- */
    const banner = el('div', { class: 'handoff-banner', hidden: true, role: 'status' });
    const list = el('ol', { class: 'messages' });
    const notice = root.dataset.notice ? el('p', { class: 'chat-notice' }, root.dataset.notice) : null;
    const log = el('div', { class: 'chat-log', role: 'log', 'aria-live': 'polite', 'aria-label': '对话记录' }, notice, list);
    const typing = el('div', { class: 'typing', hidden: true, 'aria-live': 'polite' },
      el('span', { class: 'dots', 'aria-hidden': 'true' }, el('i'), el('i'), el('i')), '助手正在回复…');
    const errorText = el('span', { class: 'error-text' });
    const retry = el('button', { type: 'button', class: 'retry' }, '重试');
    const errorLine = el('div', { class: 'chat-error', hidden: true, role: 'alert' }, errorText, retry);
    root.append(banner, log, typing, errorLine);

    let input = null;
    let sendButton = null;
    let counter = null;
    if (!readonly) {
      input = el('textarea', {
        class: 'chat-input', rows: 1, maxlength: MAX_CHARS,
        placeholder: window.matchMedia('(max-width: 640px)').matches ? '请输入您的问题' : '请输入您的问题，例如“我们园区年营业收入120亿元，能申报示范园区吗？”',
        'aria-label': '输入消息', enterkeyhint: 'send',
      });
      counter = el('span', { class: 'counter', 'aria-hidden': 'true' });
      sendButton = el('button', { type: 'submit', class: 'send' }, '发送');
      const form = el('form', { class: 'composer' }, el('div', { class: 'input-wrap' }, input, counter), sendButton);
      root.append(form);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        submitInput();
      });
      input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          submitInput();
        }
      });
      input.addEventListener('input', () => {
        autosize();
        updateCounter();
      });
      updateCounter();
    }

    function autosize() {
      input.style.height = 'auto';
      input.style.height = Math.min(input.scrollHeight, 160) + 'px';
    }

    function updateCounter() {
      const n = input.value.length;
      counter.textContent = n > MAX_CHARS * 0.8 ? `${n}/${MAX_CHARS}` : '';
      counter.classList.toggle('over', n >= MAX_CHARS);
    }

    function scrollToEnd() {
      log.scrollTop = log.scrollHeight;
    }

    function disableOldButtons() {
      list.querySelectorAll('.quick-replies button').forEach((b) => { b.disabled = true; });
    }

    function roleLabel(m) {
      if (m.role === 'staff') return readonly && m.staff_user ? `工作人员 · ${m.staff_user}` : '工作人员';
      if (m.role === 'user') return readonly ? '用户' : '我';
      if (m.role === 'system') return '系统消息';
      return '两业融合助手';
    }

    /** One message element (role user|bot|staff|system) with text, custom card and buttons. */
    function messageItem(m) {
      const role = ['user', 'bot', 'staff', 'system'].includes(m.role) ? m.role : 'bot';
      const item = el('li', { class: 'msg msg-' + role });
      if (m.id) item.dataset.id = m.id;
      const body = el('div', { class: 'msg-body' });
      body.append(el('div', { class: 'msg-meta' }, el('span', { class: 'who' }, roleLabel(m)), el('time', {}, timeText(m.created_at))));
      if (typeof m.text === 'string' && m.text) body.append(el('div', { class: 'bubble' }, m.text));
      const card = Card.renderCustom(m.custom);
      if (card) body.append(el('div', { class: 'msg-card' }, card));
      if (Array.isArray(m.buttons) && m.buttons.length) {
        const group = el('div', { class: 'quick-replies', role: 'group', 'aria-label': '快捷回复' });
        m.buttons.forEach((b) => {
          if (!b || typeof b.title !== 'string') return;
          const btn = el('button', { type: 'button' }, b.title);
          btn.disabled = readonly;
          btn.addEventListener('click', () => send(typeof b.payload === 'string' && b.payload ? b.payload : b.title, b.title));
          group.append(btn);
        });
        body.append(group);
      }
      if (role !== 'user' && role !== 'system') {
        item.append(el('div', { class: 'avatar', 'aria-hidden': 'true' }, role === 'staff' ? '人' : '助'));
      }
      item.append(body);
      return item;
    }

    function addMessages(messages, options) {
      const opts = options || {};
      let added = 0;
      for (const m of messages) {
        if (m.id && rendered.has(m.id)) continue;
        if (m.id) {
          rendered.add(m.id);
          lastId = Math.max(lastId, m.id);
        }
        if (m.role !== 'user' && Array.isArray(m.buttons) && m.buttons.length) disableOldButtons();
        if (m.role === 'user' && !opts.history) disableOldButtons();
        list.append(messageItem(m));
        added += 1;
      }
      if (added) scrollToEnd();
      return added;
    }

    function showHandoff(state) {
      if (readonly) return;
      if (state && state.request_id) {
        banner.textContent = `人工服务中：您的消息会直接转给工作人员（请求编号 #${state.request_id}），请耐心等待答复。发送“返回智能助手”可结束人工服务。`;
        banner.hidden = false;
      } else {
        banner.hidden = true;
      }
    }

    function showError(message, canRetry) {
      errorText.textContent = message;
      retry.hidden = !canRetry;
      errorLine.hidden = false;
    }

    function clearError() {
      errorLine.hidden = true;
      errorText.textContent = '';
    }

    function url(path, params) {
      const query = new URLSearchParams(params || {});
      if (sender) query.set('sender', sender);
      const qs = query.toString();
      return api + path + (qs ? '?' + qs : '');
    }

    async function getJson(path, params) {
      const response = await fetch(url(path, params), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }

    /* ---- sending ---- */

    function submitInput() {
      const text = input.value.trim();
      if (!text || sending) return;
      if (text.length > MAX_CHARS) {
        showError(`消息过长：最多 ${MAX_CHARS} 个字，请分几次发送。`, false);
        return;
      }
      input.value = '';
      autosize();
      updateCounter();
      send(text, null);
    }

    async function send(message, display) {
      if (sending || readonly) return;
      let loggedId = null; // the log id of this very message, when an earlier try was logged but not answered
      if (failed) {
        const again = failed.message === message && failed.display === display;
        // A logged, unanswered message stays in view unless it is sent again (the server then keeps one entry).
        if (again || !failed.id) failed.bubble.remove();
        if (again) loggedId = failed.id;
        failed = null;
      }
      clearError();
      sending = true;
      if (sendButton) sendButton.disabled = true;
      disableOldButtons();
      const bubble = messageItem({ role: 'user', text: display || message });
      bubble.classList.add('pending');
      list.append(bubble);
      scrollToEnd();
      typing.hidden = false;
      const body = { message, after: lastId };
      if (sender) body.sender = sender;
      if (display) body.display = display;
      try {
        const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
        if (csrf) headers['X-CSRF-Token'] = csrf;
        const response = await fetch(api, { method: 'POST', credentials: 'same-origin', headers, body: JSON.stringify(body) });
        let data = null;
        try { data = await response.json(); } catch (err) { data = null; }
        if (!response.ok) {
          const text = data && typeof data.error === 'string' ? data.error : '助手服务暂时不可用，请稍后重试。';
          const retriable = response.status >= 500 || response.status === 429 || response.status === 403;
          fail(bubble, message, display, text, retriable, (data && data.user_message_id) || loggedId);
          return;
        }
        bubble.classList.remove('pending');
        if (data.user_message_id) {
          bubble.dataset.id = data.user_message_id;
          rendered.add(data.user_message_id);
          lastId = Math.max(lastId, data.user_message_id);
        }
        addMessages(Array.isArray(data.messages) ? data.messages : []);
        showHandoff(data.handoff);
      } catch (err) {
        fail(bubble, message, display, '网络连接失败，消息未发送。请检查网络后重试。', true, loggedId);
      } finally {
        sending = false;
        typing.hidden = true;
        if (sendButton) sendButton.disabled = false;
      }
    }

    function fail(bubble, message, display, text, canRetry, id) {
      bubble.classList.remove('pending');
      bubble.classList.add('failed');
      bubble.querySelector('.msg-meta time').textContent = id ? '未获回复' : '未发送';
      if (id) { // logged by the server: polling must not show it a second time
        bubble.dataset.id = id;
        rendered.add(id);
        lastId = Math.max(lastId, id);
      }
      failed = { message, display, bubble, id };
      showError(text, canRetry);
      if (!canRetry && input && !display) {
        input.value = message.slice(0, MAX_CHARS);
        autosize();
        updateCounter();
      }
    }

    retry.addEventListener('click', () => {
      if (failed) send(failed.message, failed.display);
    });

    /* ---- history and polling ---- */

    function welcome() {
      const intro = el('li', { class: 'msg msg-bot welcome' },
        el('div', { class: 'avatar', 'aria-hidden': 'true' }, '助'),
        el('div', { class: 'msg-body' },
          el('div', { class: 'msg-meta' }, el('span', { class: 'who' }, '两业融合助手')),
          el('div', { class: 'bubble' },
            '您好！我是北京市两业融合试点示范申报助手，依据《北京市先进制造业和现代服务业融合示范园区和试点企业认定及支持办法（试行）》为您解答。\n\n' +
            '我可以帮您：\n· 自查是否符合示范园区、领跑型或成长型试点企业的申报条件\n· 了解申报流程和需要准备的材料\n· 了解支持政策，估算固定资产投资补助\n· 需要时转给工作人员\n\n请直接输入问题，或点击下面的常见问题。'),
          (() => {
            const group = el('div', { class: 'quick-replies', role: 'group', 'aria-label': '常见问题' });
            SUGGESTIONS.forEach((s) => {
              const b = el('button', { type: 'button' }, s);
              b.addEventListener('click', () => send(s, null));
              group.append(b);
            });
            return group;
          })(),
        ),
      );
      list.append(intro);
    }

    async function loadHistory() {
      try {
        const data = await getJson('/history');
        const messages = Array.isArray(data.messages) ? data.messages : [];
        if (!messages.length && !readonly) welcome();
        addMessages(messages, { history: true });
        // Only the buttons of the very last message stay usable after a reload.
        const items = list.querySelectorAll('.msg');
        list.querySelectorAll('.quick-replies button').forEach((b) => {
          b.disabled = readonly || b.closest('.msg') !== items[items.length - 1];
        });
        if (readonly && !messages.length) list.append(el('li', { class: 'msg msg-system empty' }, el('div', { class: 'msg-body' }, el('div', { class: 'bubble' }, '暂无对话记录。'))));
        showHandoff(data.handoff);
      } catch (err) {
        if (!readonly) welcome();
        showError('暂时无法加载之前的对话记录。', false);
      }
    }

    async function poll() {
      if (sending || document.hidden) return;
      try {
        const data = await getJson('/updates', { after: String(lastId) });
        if (sending) return; // a send started meanwhile; its answer carries these messages
        const messages = Array.isArray(data.messages) ? data.messages : [];
        if (messages.length) {
          list.querySelectorAll('.msg.empty').forEach((n) => n.remove());
          addMessages(messages, { history: true });
        }
        showHandoff(data.handoff);
      } catch (err) {
        /* the next poll tries again */
      }
    }

    loadHistory().then(() => {
      setInterval(poll, POLL_MS);
      document.addEventListener('visibilitychange', () => { if (!document.hidden) poll(); });
      if (input && window.matchMedia('(min-width: 700px)').matches) input.focus();
    });
  }

  document.querySelectorAll('[data-chat]').forEach(setup);
})();

/* Cards for the bot's custom payloads: verdict, materials checklist, hand-off note.
   Every piece of text goes in with textContent; nothing is parsed as HTML. */
(function () {
  'use strict';

  const APPLICANT_TYPES = { park: '示范园区', leading_enterprise: '领跑型试点企业', growth_enterprise: '成长型试点企业' };
  const STATUS = {
    met: { mark: '✅', label: '符合' },
    not_met: { mark: '❌', label: '不符合' },
    unknown: { mark: '❔', label: '待确认' },
  };
  const MEASURES = '《北京市先进制造业和现代服务业融合示范园区和试点企业认定及支持办法（试行）》（京发改规〔2023〕7号）';

  /** el('div', {class: 'x'}, child, 'text', ...) — strings become text nodes. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function str(value, fallback) {
    return typeof value === 'string' && value.trim() ? value : fallback;
  }

  function typeLabel(type) {
    return APPLICANT_TYPES[type] || str(type, '');
  }

  function button(label, className, onClick) {
    const b = el('button', { type: 'button', class: className }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  /* ---- print and download ---------------------------------------------------------------- */

  function printCard(card) {
    const old = document.getElementById('print-root');
    if (old) old.remove();
    const holder = el('div', { id: 'print-root' });
    const copy = card.cloneNode(true);
    copy.querySelectorAll('.vc-actions').forEach((n) => n.remove());
    copy.querySelectorAll('details').forEach((d) => { d.open = true; });
    holder.append(copy);
    document.body.append(holder);
    document.body.classList.add('print-card');
    const cleanup = () => {
      document.body.classList.remove('print-card');
      holder.remove();
      window.removeEventListener('afterprint', cleanup);
    };
    // The copy stays until afterprint (hidden on screen): some browsers print asynchronously.
    window.addEventListener('afterprint', cleanup);
    window.print();
  }

  let cardCss = null;
  async function loadCardCss() {
    if (cardCss === null) {
      try {
        const response = await fetch('/static/card.css', { credentials: 'same-origin' });
        cardCss = response.ok ? await response.text() : '';
      } catch (err) {
        cardCss = '';
      }
    }
    return cardCss;
  }

  /** A self-contained HTML document with the card (no scripts, styles inlined). */
  async function standaloneHtml(card, title) {
    const copy = card.cloneNode(true);
    copy.querySelectorAll('.vc-actions').forEach((n) => n.remove());
    copy.querySelectorAll('details').forEach((d) => d.setAttribute('open', ''));
    const doc = document.implementation.createHTMLDocument(title);
    doc.documentElement.setAttribute('lang', 'zh-CN');
    const meta = doc.createElement('meta');
    meta.setAttribute('charset', 'utf-8');
    doc.head.prepend(meta);
    const viewport = doc.createElement('meta');
    viewport.setAttribute('name', 'viewport');
    viewport.setAttribute('content', 'width=device-width, initial-scale=1');
    doc.head.append(viewport);
    const style = doc.createElement('style');
    style.textContent = (await loadCardCss()) + '\nbody{margin:0;padding:24px;background:#fff;font-family:"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;}';
    doc.head.append(style);
    doc.body.append(doc.importNode(copy, true));
    return '<!doctype html>\n' + doc.documentElement.outerHTML;
  }

  async function downloadCard(card, filename) {
    const html = await standaloneHtml(card, filename.replace(/\.html$/, ''));
    const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
    const link = el('a', { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }

  /* ---- verdict card ----------------------------------------------------------------------- */

  function criterionRow(c) {
    const status = STATUS[c.status] || STATUS.unknown;
    const cell = (label, content, cls) => el('td', { 'data-label': label, class: cls }, content);
    return el(
      'tr',
      { class: 'st-' + (STATUS[c.status] ? c.status : 'unknown') },
      cell('状态', [el('span', { class: 'mark', 'aria-hidden': 'true' }, el('span', { class: 'mark-char' }, status.mark)), el('span', { class: 'status-text' }, status.label)], 'vc-status'),
      cell('条款', str(c.article, '—'), 'vc-article'),
      cell('条件', str(c.label, '—'), 'vc-label'),
      cell('填报情况', str(c.actual, '未提供'), c.actual ? 'vc-actual' : 'vc-actual vc-none'),
      cell('要求', str(c.required, '—'), 'vc-required'),
      cell('差距', str(c.gap, '—'), c.gap ? 'vc-gap' : 'vc-gap vc-none'),
    );
  }

  /** The verdict card for Verdict.to_dict(); options.actions=false leaves out the print/download buttons. */
  function renderVerdict(verdict, options) {
    const opts = Object.assign({ actions: true }, options);
    const v = verdict && typeof verdict === 'object' ? verdict : {};
    const kind = ['eligible', 'not_eligible', 'insufficient_information', 'eligible_with_commitment'].includes(v.verdict) ? v.verdict : 'insufficient_information';
    const who = typeLabel(v.applicant_type);
    const card = el('article', { class: 'verdict-card verdict-' + kind, 'data-verdict': kind });

    const metaParts = ['依据' + MEASURES];
    if (v.as_of) metaParts.push('评估日期 ' + v.as_of);
    if (v.rules_version) metaParts.push('规则版本 ' + v.rules_version);
    card.append(
      el('header', { class: 'vc-head' },
        el('div', { class: 'vc-kicker' }, '资格自查结果' + (who ? ' · ' + who : '')),
        el('h3', { class: 'vc-headline' }, el('span', { class: 'vc-dot', 'aria-hidden': 'true' }), '结论：' + str(v.verdict_label, '暂无结论')),
        el('p', { class: 'vc-meta' }, metaParts.join(' · ')),
      ),
    );

    if (v.validity && v.validity.state && v.validity.state !== 'in_trial' && v.validity.message) {
      card.append(el('p', { class: 'vc-validity', role: 'note' }, v.validity.message));
    }

    const criteria = Array.isArray(v.criteria) ? v.criteria : [];
    if (criteria.length) {
      const counts = { met: 0, not_met: 0, unknown: 0 };
      criteria.forEach((c) => { counts[STATUS[c.status] ? c.status : 'unknown'] += 1; });
      card.append(
        el('p', { class: 'vc-summary' },
          `共 ${criteria.length} 项条件：符合 ${counts.met} 项，不符合 ${counts.not_met} 项，待确认 ${counts.unknown} 项。`),
        el('div', { class: 'vc-table-wrap' },
          el('table', { class: 'vc-table' },
            el('thead', {}, el('tr', {}, ['状态', '条款', '条件', '填报情况', '要求', '差距'].map((t) => el('th', { scope: 'col' }, t)))),
            el('tbody', {}, criteria.map(criterionRow)),
          ),
        ),
      );
    }

    const missing = Array.isArray(v.missing) ? v.missing : [];
    if (missing.length) {
      card.append(
        el('section', { class: 'vc-missing' },
          el('h4', {}, '还需要补充的信息'),
          el('ul', {}, missing.map((m) => el('li', {},
            el('strong', {}, str(m.label, m.fact || '')),
            m.article ? el('span', { class: 'vc-art' }, '（' + m.article + '）') : null,
            Array.isArray(m.alternative_to) && m.alternative_to.length ? el('span', { class: 'vc-alt' }, '与其他标注项满足其一即可') : null,
            m.hint ? el('span', { class: 'vc-hint' }, m.hint) : null,
          ))),
        ),
      );
    }

    const notes = (Array.isArray(v.notes) ? v.notes : []).filter((n) => typeof n === 'string');
    const review = Array.isArray(v.expert_review) ? v.expert_review : [];
    if (notes.length || review.length) {
      const details = el('details', { class: 'vc-notes' }, el('summary', {}, `说明与提示（${notes.length + review.length} 条）`));
      if (notes.length) details.append(el('ul', {}, notes.map((n) => el('li', {}, n))));
      if (review.length) {
        details.append(
          el('p', { class: 'vc-review-title' }, '以下定性要求由专家评审环节（第八条（二））评估，本工具不作判断：'),
          el('ul', {}, review.map((r) => el('li', {}, (r.article ? r.article + '：' : '') + str(r.text, '')))),
        );
      }
      card.append(details);
    }

    card.append(el('p', { class: 'vc-disclaimer' }, '本结果根据您提供的信息按办法条文自动生成，仅供参考；是否认定以主管部门审核为准。'));

    if (opts.actions) {
      const filename = `两业融合资格自查结果-${who || '结果'}-${v.as_of || ''}.html`.replace(/-\.html$/, '.html');
      card.append(
        el('footer', { class: 'vc-actions' },
          button('打印 / 保存为PDF', 'vc-print', () => printCard(card)),
          button('下载 HTML', 'vc-download', () => downloadCard(card, filename)),
        ),
      );
    }
    return card;
  }

  /* ---- materials checklist ---------------------------------------------------------------- */

  function storageGet(key) {
    try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (err) { return []; }
  }

  function storageSet(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (err) { /* private mode: ticks are not kept */ }
  }

  function renderMaterials(payload) {
    const p = payload && typeof payload === 'object' ? payload : {};
    const items = Array.isArray(p.items) ? p.items : [];
    const key = 'liangye.materials.' + str(p.applicant_type, 'general');
    const ticked = new Set(storageGet(key));
    const who = typeLabel(p.applicant_type);
    const progress = el('span', { class: 'mc-progress' });
    const list = el('ul', { class: 'mc-list' });
    const update = () => {
      const done = items.filter((item) => ticked.has(itemKey(item))).length;
      progress.textContent = `已准备 ${done} / ${items.length} 项`;
    };
    items.forEach((item, i) => {
      const id = `mc-${Math.random().toString(36).slice(2)}-${i}`;
      const box = el('input', { type: 'checkbox', id });
      box.checked = ticked.has(itemKey(item));
      box.addEventListener('change', () => {
        if (box.checked) ticked.add(itemKey(item)); else ticked.delete(itemKey(item));
        storageSet(key, Array.from(ticked));
        update();
      });
      list.append(el('li', {}, box, el('label', { for: id },
        el('span', { class: 'mc-item' }, str(item.item, '')),
        item.article ? el('span', { class: 'mc-article' }, item.article) : null,
        item.evidence ? el('span', { class: 'mc-evidence' }, item.evidence) : null,
      )));
    });
    update();
    return el('article', { class: 'materials-card' },
      el('header', { class: 'mc-head' }, el('h3', {}, '申报材料清单' + (who ? ' · ' + who : '')), progress),
      list,
      p.disclaimer ? el('p', { class: 'mc-disclaimer' }, p.disclaimer) : null,
    );
  }

  function itemKey(item) {
    return `${item.article || ''}|${item.item || ''}`;
  }

  /* ---- hand-off note ---------------------------------------------------------------------- */

  function renderHandoff(payload) {
    const id = payload && payload.request_id;
    return el('div', { class: 'handoff-note', role: 'note' },
      el('strong', {}, '已转交工作人员'),
      el('span', {}, `您的咨询${id ? '（编号 #' + id + '）' : ''}已提交给工作人员。工作人员会在本页面答复您，请保持页面打开或稍后回来查看。`),
    );
  }

  /** The element for a custom payload, or null for a type the page does not know. */
  function renderCustom(custom) {
    if (!custom || typeof custom !== 'object') return null;
    if (custom.type === 'verdict') return renderVerdict(custom.verdict);
    if (custom.type === 'materials') return renderMaterials(custom);
    if (custom.type === 'handoff' && custom.status === 'created') return renderHandoff(custom);
    return null;
  }

  window.LiangyeCard = { el, renderVerdict, renderMaterials, renderHandoff, renderCustom, standaloneHtml };
})();

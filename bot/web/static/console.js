/* Console pages: render the stored verdict card, confirm destructive forms. */
(function () {
  'use strict';
  const data = document.getElementById('last-verdict');
  const slot = document.getElementById('verdict-slot');
  if (data && slot && window.LiangyeCard) {
    try {
      slot.append(window.LiangyeCard.renderVerdict(JSON.parse(data.textContent)));
    } catch (err) {
      slot.textContent = '自查结果无法显示。';
    }
  }
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
})();

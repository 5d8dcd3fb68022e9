// The baseline's one behaviour: each input writes a new "running estimate" at once.
const total = document.querySelector('[data-testid=running-total]');
document.addEventListener('input', (event) => {
  const value = Number(event.target.value.replace(/[^0-9.]/g, '')) || 0;
  total.textContent = (value * 10000).toLocaleString('zh-CN', { minimumFractionDigits: 2 });
});

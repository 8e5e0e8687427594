// A PDF on the task page is framed only when the officer opens its preview: the page loads no viewer it does not show.
document.querySelectorAll('details.evidence-pdf[data-src]').forEach(function (details) {
  details.addEventListener('toggle', function () {
    if (!details.open || details.querySelector('iframe')) return;
    var frame = document.createElement('iframe');
    frame.src = details.dataset.src;
    frame.title = details.dataset.title || '';
    frame.className = 'evidence-frame';
    details.appendChild(frame);
  });
});

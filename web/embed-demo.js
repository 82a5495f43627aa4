// embed-demo.js: the sample documentation page's script. It embeds the
// pt-BR sample and its fix with embed.js, and the button drives the first
// playground through the umplay/1 API: setState with the fixed request,
// then the report the embed sent for it.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var out = $('drive-report');
  var action = '"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"';
  function text(file) {
    return fetch('examples/' + file).then(function (r) {
      if (!r.ok) { throw new Error(file + ': HTTP ' + r.status); }
      return r.text();
    });
  }
  function say(report) {
    var d = report.diagnostics;
    out.textContent = 'Report: HTTP ' + report.status + (report.faultCode ? ' (fault ' + report.faultCode + ')' : '') +
      ', ' + d.error + ' error' + (d.error === 1 ? '' : 's') + ', ' + d.warning + ' warning' + (d.warning === 1 ? '' : 's') + '.';
  }
  Promise.all([text('disconnect-docs-pt-br.xml'), text('disconnect-docs-en.xml')]).then(function (xml) {
    var mistake = umplay.embed($('embed-mistake'), { state: { request: xml[0], soapAction: action, example: 'disconnect-docs-pt-br.xml' } });
    umplay.embed($('embed-fix'), { state: { request: xml[1], soapAction: action }, panes: ['editor', 'response'] });
    return mistake.then(function (h) {
      h.on('report', say);
      return h.check().then(function (r) {
        say(r);
        var btn = $('drive');
        btn.disabled = false;
        btn.addEventListener('click', function () {
          btn.disabled = true;
          out.textContent = 'Sending setState…';
          h.setState({ request: xml[1], soapAction: action }).then(function () { return h.check(); }).then(function (r) {
            say(r);
            out.textContent += ' (after setState with the fixed request)';
          }, function (err) { out.textContent = 'The playground refused: ' + err.message; })
            .then(function () { btn.disabled = false; });
        });
      });
    });
  }).catch(function (err) { out.textContent = 'Could not load the playgrounds: ' + err.message; });
})();

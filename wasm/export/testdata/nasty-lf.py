# Python 3, standard library only. The body (535 bytes, LF line ends, no final newline) is sent as
# bytes, exactly. urlopen raises HTTPError for a 4xx/5xx answer; its body is
# the SOAP fault, read there.
import sys
import urllib.error
import urllib.request

url = 'http://127.0.0.1:8080/EWS/UM2007Legacy.asmx?x=\'1\'&y=$z'
body = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n'
    '  <soap:Body>\n'
    '    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">\n'
    '      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \\n \\\\ \'single\' "double" @\' "@ {0} -->\n'
    '\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\n'
    '      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\n'
    '    </Disconnect>\n'
    '  </soap:Body>\n'
    '</soap:Envelope>'
).encode('utf-8')
headers = {
    'Content-Type': 'text/xml; charset=utf-8',
    # no SOAPAction header, as asked
}
request = urllib.request.Request(url, data=body, headers=headers, method='POST')
try:
    with urllib.request.urlopen(request) as response:
        status, reason, answer = response.status, response.reason, response.read()
except urllib.error.HTTPError as error:
    status, reason, answer = error.code, error.reason, error.read()
print(status, reason, flush=True)
sys.stdout.buffer.write(answer)

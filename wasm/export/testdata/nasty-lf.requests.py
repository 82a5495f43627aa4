# Python 3 with requests (pip install requests). The body (535 bytes, LF line ends, no final newline)
# is passed as bytes: a str would be encoded as ISO-8859-1 by http.client.
# requests does not raise for a 4xx/5xx answer; its body is the SOAP fault.
import sys

import requests

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
response = requests.post(url, data=body, headers=headers)
print(response.status_code, response.reason, flush=True)
sys.stdout.buffer.write(response.content)

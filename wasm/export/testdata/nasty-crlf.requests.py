# Python 3 with requests (pip install requests). The body (550 bytes, CRLF line ends)
# is passed as bytes: a str would be encoded as ISO-8859-1 by http.client.
# requests does not raise for a 4xx/5xx answer; its body is the SOAP fault.
import sys

import requests

url = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
body = (
    '<?xml version="1.0" encoding="utf-8"?>\r\n'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\r\n'
    '  <soap:Body>\r\n'
    '    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">\r\n'
    '      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \\n \\\\ \'single\' "double" @\' "@ {0} -->\r\n'
    '\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\r\n'
    '      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\r\n'
    '\'@\r\n'
    '    </Disconnect>\r\n'
    '  </soap:Body>\r\n'
    '</soap:Envelope>\r\n'
).encode('utf-8')
headers = {
    'Content-Type': 'text/xml; charset=utf-8',
    'SOAPAction': 'http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect',
}
response = requests.post(url, data=body, headers=headers)
print(response.status_code, response.reason, flush=True)
sys.stdout.buffer.write(response.content)

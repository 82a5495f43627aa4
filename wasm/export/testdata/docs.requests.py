# Python 3 with requests (pip install requests). The body (384 bytes, LF line ends)
# is passed as bytes: a str would be encoded as ISO-8859-1 by http.client.
# requests does not raise for a 4xx/5xx answer; its body is the SOAP fault.
import sys

import requests

url = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
body = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n'
    '  <soap:Body>\n'
    '    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">\n'
    '      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\n'
    '    </Disconnect>\n'
    '  </soap:Body>\n'
    '</soap:Envelope>\n'
).encode('utf-8')
headers = {
    'Content-Type': 'text/xml; charset=utf-8',
    'SOAPAction': '"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"',
}
response = requests.post(url, data=body, headers=headers)
print(response.status_code, response.reason, flush=True)
sys.stdout.buffer.write(response.content)

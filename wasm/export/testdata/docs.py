# Python 3, standard library only. The body (384 bytes, LF line ends) is sent as
# bytes, exactly. urlopen raises HTTPError for a 4xx/5xx answer; its body is
# the SOAP fault, read there.
import sys
import urllib.error
import urllib.request

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
request = urllib.request.Request(url, data=body, headers=headers, method='POST')
try:
    with urllib.request.urlopen(request) as response:
        status, reason, answer = response.status, response.reason, response.read()
except urllib.error.HTTPError as error:
    status, reason, answer = error.code, error.reason, error.read()
print(status, reason, flush=True)
sys.stdout.buffer.write(answer)

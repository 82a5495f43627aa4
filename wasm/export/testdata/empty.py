# Python 3, standard library only. The body (0 bytes) is sent as
# bytes, exactly. urlopen raises HTTPError for a 4xx/5xx answer; its body is
# the SOAP fault, read there.
import sys
import urllib.error
import urllib.request

url = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
body = b''
headers = {
    'Content-Type': 'text/xml; charset=utf-8',
    'SOAPAction': '"it\'s $x"',
}
request = urllib.request.Request(url, data=body, headers=headers, method='POST')
try:
    with urllib.request.urlopen(request) as response:
        status, reason, answer = response.status, response.reason, response.read()
except urllib.error.HTTPError as error:
    status, reason, answer = error.code, error.reason, error.read()
print(status, reason, flush=True)
sys.stdout.buffer.write(answer)

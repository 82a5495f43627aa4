# Python 3 with requests (pip install requests). The body (0 bytes)
# is passed as bytes: a str would be encoded as ISO-8859-1 by http.client.
# requests does not raise for a 4xx/5xx answer; its body is the SOAP fault.
import sys

import requests

url = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
body = b''
headers = {
    'Content-Type': 'text/xml; charset=utf-8',
    'SOAPAction': '"it\'s $x"',
}
response = requests.post(url, data=body, headers=headers)
print(response.status_code, response.reason, flush=True)
sys.stdout.buffer.write(response.content)

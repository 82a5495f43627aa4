# POSIX shell (sh, bash, zsh). The body (384 bytes, LF line ends) reaches curl
# byte for byte: printf '%s' writes the single-quoted text as it is, with no
# newline added, and --data-binary @- sends standard input unchanged.
# -i prints the status line, the headers and the body, a fault's too.
printf '%s' '<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>
' |
  curl -sS -i --globoff --data-binary @- \
    -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction: "http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"' \
    'https://mail.contoso.com/EWS/UM2007Legacy.asmx'

# POSIX shell (sh, bash, zsh). The body (535 bytes, LF line ends, no final newline) reaches curl
# byte for byte: printf '%s' writes the single-quoted text as it is, with no
# newline added, and --data-binary @- sends standard input unchanged.
# -i prints the status line, the headers and the body, a fault's too.
# No SOAPAction header is sent, as asked.
printf '%s' '<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \n \\ '\''single'\'' "double" @'\'' "@ {0} -->
	<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>' |
  curl -sS -i --globoff --data-binary @- \
    -H 'Content-Type: text/xml; charset=utf-8' \
    'http://127.0.0.1:8080/EWS/UM2007Legacy.asmx?x='\''1'\''&y=$z'

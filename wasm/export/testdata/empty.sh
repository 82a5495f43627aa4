# POSIX shell (sh, bash, zsh). The body (0 bytes) reaches curl
# byte for byte: printf '%s' writes the single-quoted text as it is, with no
# newline added, and --data-binary @- sends standard input unchanged.
# -i prints the status line, the headers and the body, a fault's too.
printf '%s' '' |
  curl -sS -i --globoff --data-binary @- \
    -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction: "it'\''s $x"' \
    'https://mail.contoso.com/EWS/UM2007Legacy.asmx'

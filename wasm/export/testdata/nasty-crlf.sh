# POSIX shell (sh, bash, zsh). The body (550 bytes, CRLF line ends) reaches curl
# byte for byte as base64 (it holds bytes a terminal or a shell string cannot
# carry), decoded into --data-binary @-, which sends standard input unchanged.
# -i prints the status line, the headers and the body, a fault's too.
printf '%s' \
  'PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0idXRmLTgiPz4NCjxzb2FwOkVudmVsb3BlIHht' \
  'bG5zOnNvYXA9Imh0dHA6Ly9zY2hlbWFzLnhtbHNvYXAub3JnL3NvYXAvZW52ZWxvcGUvIj4NCiAg' \
  'PHNvYXA6Qm9keT4NCiAgICA8RGlzY29ubmVjdCB4bWxucz0iaHR0cDovL3NjaGVtYXMubWljcm9z' \
  'b2Z0LmNvbS9leGNoYW5nZS9zZXJ2aWNlcy8yMDA2L21lc3NhZ2VzIj4NCiAgICAgIDwhLS0gJEhP' \
  'TUUgJHtQQVRIfSAkKHJtIC1yZiAvKSBgaWRgICVzICVuIFxuIFxcICdzaW5nbGUnICJkb3VibGUi' \
  'IEAnICJAIHswfSAtLT4NCgk8IS0tIExpZ2HDp8OjbyBuw6NvIGF0ZW5kaWRhIOKAlCDml6XmnKzo' \
  'qp4g8J+YgCDigJhxdW90ZWTigJkgLS0+DQogICAgICA8Q2FsbElkPk1EbGtaamxsWkdNdE5HVXlN' \
  'eTAwTnpBNUxXSmtZV1l0TjJKbE1qQmpZakJoWlRVMlFHUm1MV1YxYlMwd01TNWxlR05vWVc1blpT' \
  'NWpiM0p3TG0xcFkzSnZjMjltZEM1amIyMD08L0NhbGxJZD4NCidADQogICAgPC9EaXNjb25uZWN0' \
  'Pg0KICA8L3NvYXA6Qm9keT4NCjwvc29hcDpFbnZlbG9wZT4NCg==' \
  | base64 -d |
  curl -sS -i --globoff --data-binary @- \
    -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction: http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect' \
    'https://mail.contoso.com/EWS/UM2007Legacy.asmx'

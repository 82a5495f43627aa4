# POSIX shell (sh, bash, zsh). The body (770 bytes, LF line ends, no final newline) reaches curl
# byte for byte as base64 (it holds bytes a terminal or a shell string cannot
# carry), decoded into --data-binary @-, which sends standard input unchanged.
# -i prints the status line, the headers and the body, a fault's too.
printf '%s' \
  '//48AD8AeABtAGwAIAB2AGUAcgBzAGkAbwBuAD0AIgAxAC4AMAAiACAAZQBuAGMAbwBkAGkAbgBn' \
  'AD0AIgB1AHQAZgAtADgAIgA/AD4ACgA8AHMAbwBhAHAAOgBFAG4AdgBlAGwAbwBwAGUAIAB4AG0A' \
  'bABuAHMAOgBzAG8AYQBwAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgB4AG0AbABz' \
  'AG8AYQBwAC4AbwByAGcALwBzAG8AYQBwAC8AZQBuAHYAZQBsAG8AcABlAC8AIgA+AAoAIAAgADwA' \
  'cwBvAGEAcAA6AEIAbwBkAHkAPgAKACAAIAAgACAAPABEAGkAcwBjAG8AbgBuAGUAYwB0ACAAeABt' \
  'AGwAbgBzAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgBtAGkAYwByAG8AcwBvAGYA' \
  'dAAuAGMAbwBtAC8AZQB4AGMAaABhAG4AZwBlAC8AcwBlAHIAdgBpAGMAZQBzAC8AMgAwADAANgAv' \
  'AG0AZQBzAHMAYQBnAGUAcwAiAD4ACgAgACAAIAAgACAAIAA8AEMAYQBsAGwASQBkAD4ATQBEAGwA' \
  'awBaAGoAbABsAFoARwBNAHQATgBHAFUAeQBNAHkAMAAwAE4AegBBADUATABXAEoAawBZAFcAWQB0' \
  'AE4AMgBKAGwATQBqAEIAagBZAGoAQgBoAFoAVABVADIAUQBHAFIAbQBMAFcAVgAxAGIAUwAwAHcA' \
  'TQBTADUAbABlAEcATgBvAFkAVwA1AG4AWgBTADUAagBiADMASgB3AEwAbQAxAHAAWQAzAEoAdgBj' \
  'ADIAOQBtAGQAQwA1AGoAYgAyADAAPQA8AC8AQwBhAGwAbABJAGQAPgAKACAAIAAgACAAPAAvAEQA' \
  'aQBzAGMAbwBuAG4AZQBjAHQAPgAKACAAIAA8AC8AcwBvAGEAcAA6AEIAbwBkAHkAPgAKADwALwBz' \
  'AG8AYQBwADoARQBuAHYAZQBsAG8AcABlAD4ACgA=' \
  | base64 -d |
  curl -sS -i --globoff --data-binary @- \
    -H 'Content-Type: text/xml; charset=utf-8' \
    -H 'SOAPAction;' \
    'https://[2001:db8::1]:8443/UnifiedMessaging/Service.asmx'

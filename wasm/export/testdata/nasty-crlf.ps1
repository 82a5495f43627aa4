# PowerShell 7, or Windows PowerShell 5.1. The body (550 bytes, CRLF line ends)
# travels as base64, decoded to the exact bytes (a here-string could not hold
# it: a line starting with '@, a lone CR, or bytes that are not text).
$ErrorActionPreference = 'Stop'
$uri = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
$headers = @{ 'SOAPAction' = 'http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect' }
$bytes = [System.Convert]::FromBase64String(
  'PD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0idXRmLTgiPz4NCjxzb2FwOkVudmVsb3BlIHht' +
  'bG5zOnNvYXA9Imh0dHA6Ly9zY2hlbWFzLnhtbHNvYXAub3JnL3NvYXAvZW52ZWxvcGUvIj4NCiAg' +
  'PHNvYXA6Qm9keT4NCiAgICA8RGlzY29ubmVjdCB4bWxucz0iaHR0cDovL3NjaGVtYXMubWljcm9z' +
  'b2Z0LmNvbS9leGNoYW5nZS9zZXJ2aWNlcy8yMDA2L21lc3NhZ2VzIj4NCiAgICAgIDwhLS0gJEhP' +
  'TUUgJHtQQVRIfSAkKHJtIC1yZiAvKSBgaWRgICVzICVuIFxuIFxcICdzaW5nbGUnICJkb3VibGUi' +
  'IEAnICJAIHswfSAtLT4NCgk8IS0tIExpZ2HDp8OjbyBuw6NvIGF0ZW5kaWRhIOKAlCDml6XmnKzo' +
  'qp4g8J+YgCDigJhxdW90ZWTigJkgLS0+DQogICAgICA8Q2FsbElkPk1EbGtaamxsWkdNdE5HVXlN' +
  'eTAwTnpBNUxXSmtZV1l0TjJKbE1qQmpZakJoWlRVMlFHUm1MV1YxYlMwd01TNWxlR05vWVc1blpT' +
  'NWpiM0p3TG0xcFkzSnZjMjltZEM1amIyMD08L0NhbGxJZD4NCidADQogICAgPC9EaXNjb25uZWN0' +
  'Pg0KICA8L3NvYXA6Qm9keT4NCjwvc29hcDpFbnZlbG9wZT4NCg==')
$params = @{
  Uri = $uri
  Method = 'Post'
  Headers = $headers
  ContentType = 'text/xml; charset=utf-8'
  Body = $bytes
  UseBasicParsing = $true
}
# PowerShell 7 hands back a 4xx/5xx answer like any other; 5.1 throws, and the
# SOAP fault is read from the error's response.
if ($PSVersionTable.PSVersion.Major -ge 7) { $params.SkipHttpErrorCheck = $true }
try {
  $response = Invoke-WebRequest @params
  $status = [int]$response.StatusCode
  $reason = $response.StatusDescription
  $text = $response.Content
} catch [System.Net.WebException] {
  $r = $_.Exception.Response
  if ($null -eq $r) { throw }
  $status = [int]$r.StatusCode
  $reason = $r.StatusDescription
  $stream = $r.GetResponseStream()
  if ($stream.CanSeek) { $stream.Position = 0 }
  $text = (New-Object System.IO.StreamReader($stream, [System.Text.Encoding]::UTF8)).ReadToEnd()
}
"HTTP $status $reason"
$text

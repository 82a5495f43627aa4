# PowerShell 7, or Windows PowerShell 5.1. The body (770 bytes, LF line ends, no final newline)
# travels as base64, decoded to the exact bytes (a here-string could not hold
# it: a line starting with '@, a lone CR, or bytes that are not text).
$ErrorActionPreference = 'Stop'
$uri = 'https://[2001:db8::1]:8443/UnifiedMessaging/Service.asmx'
$headers = @{ 'SOAPAction' = '' }
$bytes = [System.Convert]::FromBase64String(
  '//48AD8AeABtAGwAIAB2AGUAcgBzAGkAbwBuAD0AIgAxAC4AMAAiACAAZQBuAGMAbwBkAGkAbgBn' +
  'AD0AIgB1AHQAZgAtADgAIgA/AD4ACgA8AHMAbwBhAHAAOgBFAG4AdgBlAGwAbwBwAGUAIAB4AG0A' +
  'bABuAHMAOgBzAG8AYQBwAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgB4AG0AbABz' +
  'AG8AYQBwAC4AbwByAGcALwBzAG8AYQBwAC8AZQBuAHYAZQBsAG8AcABlAC8AIgA+AAoAIAAgADwA' +
  'cwBvAGEAcAA6AEIAbwBkAHkAPgAKACAAIAAgACAAPABEAGkAcwBjAG8AbgBuAGUAYwB0ACAAeABt' +
  'AGwAbgBzAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgBtAGkAYwByAG8AcwBvAGYA' +
  'dAAuAGMAbwBtAC8AZQB4AGMAaABhAG4AZwBlAC8AcwBlAHIAdgBpAGMAZQBzAC8AMgAwADAANgAv' +
  'AG0AZQBzAHMAYQBnAGUAcwAiAD4ACgAgACAAIAAgACAAIAA8AEMAYQBsAGwASQBkAD4ATQBEAGwA' +
  'awBaAGoAbABsAFoARwBNAHQATgBHAFUAeQBNAHkAMAAwAE4AegBBADUATABXAEoAawBZAFcAWQB0' +
  'AE4AMgBKAGwATQBqAEIAagBZAGoAQgBoAFoAVABVADIAUQBHAFIAbQBMAFcAVgAxAGIAUwAwAHcA' +
  'TQBTADUAbABlAEcATgBvAFkAVwA1AG4AWgBTADUAagBiADMASgB3AEwAbQAxAHAAWQAzAEoAdgBj' +
  'ADIAOQBtAGQAQwA1AGoAYgAyADAAPQA8AC8AQwBhAGwAbABJAGQAPgAKACAAIAAgACAAPAAvAEQA' +
  'aQBzAGMAbwBuAG4AZQBjAHQAPgAKACAAIAA8AC8AcwBvAGEAcAA6AEIAbwBkAHkAPgAKADwALwBz' +
  'AG8AYQBwADoARQBuAHYAZQBsAG8AcABlAD4ACgA=')
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

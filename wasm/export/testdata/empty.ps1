# PowerShell 7, or Windows PowerShell 5.1. The body (0 bytes)
# is empty.
$ErrorActionPreference = 'Stop'
$uri = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
$headers = @{ 'SOAPAction' = '"it''s $x"' }
$bytes = [byte[]]@()
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

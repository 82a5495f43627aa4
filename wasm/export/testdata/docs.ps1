# PowerShell 7, or Windows PowerShell 5.1. The body (384 bytes, LF line ends)
# is a single-quoted here-string, so nothing in it is expanded, and it is sent
# as UTF-8 bytes (a string -Body would go out as ISO-8859-1 in 5.1).
$ErrorActionPreference = 'Stop'
$uri = 'https://mail.contoso.com/EWS/UM2007Legacy.asmx'
$headers = @{ 'SOAPAction' = '"http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect"' }
$body = @'
<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>

'@
# A here-string takes the script file's line ends: make them the body's (LF).
$bytes = [System.Text.Encoding]::UTF8.GetBytes($body.Replace("`r`n", "`n"))
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

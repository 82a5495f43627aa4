# PowerShell 7, or Windows PowerShell 5.1. The body (535 bytes, LF line ends, no final newline)
# is a single-quoted here-string, so nothing in it is expanded, and it is sent
# as UTF-8 bytes (a string -Body would go out as ISO-8859-1 in 5.1).
# Save the script as UTF-8 with a BOM: Windows PowerShell 5.1 reads a script
# without one as ANSI and would change the non-ASCII text.
$ErrorActionPreference = 'Stop'
$uri = 'http://127.0.0.1:8080/EWS/UM2007Legacy.asmx?x=''1''&y=$z'
$headers = @{}  # no SOAPAction header, as asked
$body = @'
<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \n \\ 'single' "double" @' "@ {0} -->
	<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->
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

// A C# 9 top-level program (.NET 5 or later): `dotnet new console`, then put
// this in Program.cs and `dotnet run`. The body (550 bytes, CRLF line ends) is
// an escaped string literal (no verbatim string, whose line ends would be the
// source file's), sent as UTF-8 bytes without a BOM.
using System;
using System.Net.Http;
using System.Text;

var url = "https://mail.contoso.com/EWS/UM2007Legacy.asmx";
var body =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n" +
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\r\n" +
    "  <soap:Body>\r\n" +
    "    <Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\r\n" +
    "      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \\n \\\\ 'single' \"double\" @' \"@ {0} -->\r\n" +
    "\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\r\n" +
    "      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\r\n" +
    "'@\r\n" +
    "    </Disconnect>\r\n" +
    "  </soap:Body>\r\n" +
    "</soap:Envelope>\r\n";
var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
// TryAddWithoutValidation: new MediaTypeHeaderValue("text/xml; charset=utf-8")
// throws, and the SOAPAction value goes out exactly as written.
content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
request.Headers.TryAddWithoutValidation("SOAPAction", "http://schemas.microsoft.com/exchange/services/2006/messages/Disconnect");
using var client = new HttpClient();
using var response = await client.SendAsync(request);
// No EnsureSuccessStatusCode: a 500's body is the SOAP fault, read it too.
var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
Console.WriteLine((int)response.StatusCode + " " + response.ReasonPhrase);
Console.WriteLine(text);

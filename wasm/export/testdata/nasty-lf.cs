// A C# 9 top-level program (.NET 5 or later): `dotnet new console`, then put
// this in Program.cs and `dotnet run`. The body (535 bytes, LF line ends, no final newline) is
// an escaped string literal (no verbatim string, whose line ends would be the
// source file's), sent as UTF-8 bytes without a BOM.
using System;
using System.Net.Http;
using System.Text;

var url = "http://127.0.0.1:8080/EWS/UM2007Legacy.asmx?x='1'&y=$z";
var body =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" +
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n" +
    "  <soap:Body>\n" +
    "    <Disconnect xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">\n" +
    "      <!-- $HOME ${PATH} $(rm -rf /) `id` %s %n \\n \\\\ 'single' \"double\" @' \"@ {0} -->\n" +
    "\t<!-- Ligação não atendida — 日本語 😀 ‘quoted’ -->\n" +
    "      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>\n" +
    "    </Disconnect>\n" +
    "  </soap:Body>\n" +
    "</soap:Envelope>";
var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
// TryAddWithoutValidation: new MediaTypeHeaderValue("text/xml; charset=utf-8")
// throws, and the SOAPAction value goes out exactly as written.
content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
// No SOAPAction header, as asked.
using var client = new HttpClient();
using var response = await client.SendAsync(request);
// No EnsureSuccessStatusCode: a 500's body is the SOAP fault, read it too.
var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
Console.WriteLine((int)response.StatusCode + " " + response.ReasonPhrase);
Console.WriteLine(text);

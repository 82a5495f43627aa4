// A C# 9 top-level program (.NET 5 or later): `dotnet new console`, then put
// this in Program.cs and `dotnet run`. The body (0 bytes) is
// an escaped string literal (no verbatim string, whose line ends would be the
// source file's), sent as UTF-8 bytes without a BOM.
using System;
using System.Net.Http;
using System.Text;

var url = "https://mail.contoso.com/EWS/UM2007Legacy.asmx";
var body = "";
var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
// TryAddWithoutValidation: new MediaTypeHeaderValue("text/xml; charset=utf-8")
// throws, and the SOAPAction value goes out exactly as written.
content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
request.Headers.TryAddWithoutValidation("SOAPAction", "\"it's $x\"");
using var client = new HttpClient();
using var response = await client.SendAsync(request);
// No EnsureSuccessStatusCode: a 500's body is the SOAP fault, read it too.
var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
Console.WriteLine((int)response.StatusCode + " " + response.ReasonPhrase);
Console.WriteLine(text);

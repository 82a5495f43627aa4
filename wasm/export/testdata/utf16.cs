// A C# 9 top-level program (.NET 5 or later): `dotnet new console`, then put
// this in Program.cs and `dotnet run`. The body (770 bytes, LF line ends, no final newline) is
// base64 of bytes that are not UTF-8 text, decoded and sent as they are.
using System;
using System.Net.Http;
using System.Text;

var url = "https://[2001:db8::1]:8443/UnifiedMessaging/Service.asmx";
var bytes = Convert.FromBase64String(
    "//48AD8AeABtAGwAIAB2AGUAcgBzAGkAbwBuAD0AIgAxAC4AMAAiACAAZQBuAGMAbwBkAGkAbgBn" +
    "AD0AIgB1AHQAZgAtADgAIgA/AD4ACgA8AHMAbwBhAHAAOgBFAG4AdgBlAGwAbwBwAGUAIAB4AG0A" +
    "bABuAHMAOgBzAG8AYQBwAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgB4AG0AbABz" +
    "AG8AYQBwAC4AbwByAGcALwBzAG8AYQBwAC8AZQBuAHYAZQBsAG8AcABlAC8AIgA+AAoAIAAgADwA" +
    "cwBvAGEAcAA6AEIAbwBkAHkAPgAKACAAIAAgACAAPABEAGkAcwBjAG8AbgBuAGUAYwB0ACAAeABt" +
    "AGwAbgBzAD0AIgBoAHQAdABwADoALwAvAHMAYwBoAGUAbQBhAHMALgBtAGkAYwByAG8AcwBvAGYA" +
    "dAAuAGMAbwBtAC8AZQB4AGMAaABhAG4AZwBlAC8AcwBlAHIAdgBpAGMAZQBzAC8AMgAwADAANgAv" +
    "AG0AZQBzAHMAYQBnAGUAcwAiAD4ACgAgACAAIAAgACAAIAA8AEMAYQBsAGwASQBkAD4ATQBEAGwA" +
    "awBaAGoAbABsAFoARwBNAHQATgBHAFUAeQBNAHkAMAAwAE4AegBBADUATABXAEoAawBZAFcAWQB0" +
    "AE4AMgBKAGwATQBqAEIAagBZAGoAQgBoAFoAVABVADIAUQBHAFIAbQBMAFcAVgAxAGIAUwAwAHcA" +
    "TQBTADUAbABlAEcATgBvAFkAVwA1AG4AWgBTADUAagBiADMASgB3AEwAbQAxAHAAWQAzAEoAdgBj" +
    "ADIAOQBtAGQAQwA1AGoAYgAyADAAPQA8AC8AQwBhAGwAbABJAGQAPgAKACAAIAAgACAAPAAvAEQA" +
    "aQBzAGMAbwBuAG4AZQBjAHQAPgAKACAAIAA8AC8AcwBvAGEAcAA6AEIAbwBkAHkAPgAKADwALwBz" +
    "AG8AYQBwADoARQBuAHYAZQBsAG8AcABlAD4ACgA=");
var content = new ByteArrayContent(bytes);
// TryAddWithoutValidation: new MediaTypeHeaderValue("text/xml; charset=utf-8")
// throws, and the SOAPAction value goes out exactly as written.
content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
request.Headers.TryAddWithoutValidation("SOAPAction", "");
using var client = new HttpClient();
using var response = await client.SendAsync(request);
// No EnsureSuccessStatusCode: a 500's body is the SOAP fault, read it too.
var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
Console.WriteLine((int)response.StatusCode + " " + response.ReasonPhrase);
Console.WriteLine(text);

// Package docgen writes a tree of Markdown pages shaped like the translated
// UM web service reference pages (umws-protocol.md §8: a namespace table in
// the prose, two to four XML examples — request, response, faults — with
// the https:// typo in some), for benchmarks of umplay check. Page i is
// always the same text.
package docgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"umplay/wasm/soap"
)

// callID is the CallId of the reference pages' examples.
const callID = "MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20="

// Page is page i and its XML blocks' texts, in order.
func Page(i int) (page string, blocks []string) {
	op := soap.Operations[i%len(soap.Operations)]
	ns := soap.NSMessages
	if i%3 != 0 { // two pages in three carry the pt-BR typo
		ns = strings.Replace(ns, "http://", "https://", 1)
	}
	blocks = append(blocks, request(op, ns), response(op, ns))
	if i%2 == 0 {
		blocks = append(blocks, faultF2(ns))
	}
	if op == soap.Disconnect || op == soap.GetCallInfo || i%4 == 1 {
		blocks = append(blocks, faultF1(ns))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Operação %s (serviço Web de UM)\nms.date: 09/17/2015\nlocalization_priority: Normal\n---\n\n", op)
	fmt.Fprintf(&b, "# <a name=\"op-%d\"></a>Operação %s (serviço Web de UM)\n\n", i, op)
	fmt.Fprintf(&b, "A operação **%s** faz parte do serviço Web de Unificação de Mensagens.\n\n", op)
	b.WriteString("## Namespaces\n\n|Prefixo|Namespace|\n|:-----|:-----|\n")
	fmt.Fprintf(&b, "|m  <br/> |%s  <br/> |\n", ns)
	fmt.Fprintf(&b, "|t  <br/> |%s  <br/> |\n", strings.Replace(ns, "messages", "types", 1))
	fmt.Fprintf(&b, "|e  <br/> |%s  <br/> |\n\n", strings.Replace(ns, "messages", "errors", 1))
	titles := []string{"Exemplo de solicitação", "Exemplo de resposta bem-sucedida", "Exemplo de resposta de erro", "Outro exemplo de erro"}
	for k, x := range blocks {
		fmt.Fprintf(&b, "## %s %s\n\nO exemplo a seguir mostra %s da operação %s.\n\n", titles[k], op, strings.ToLower(titles[k]), op)
		if k == 1 && i%5 == 0 { // some examples sit in list items
			b.WriteString("1. Resposta:\n\n")
			b.WriteString(fence("   ", "~~~", x))
		} else {
			b.WriteString(fence("", "```", x))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Elementos\n\n- [CallId (serviço Web de UM)](callid-um-web-service.md)\n- [Disconnect (serviço Web de UM)](disconnect-um-web-service.md)\n")
	page = b.String()
	if i%7 == 0 { // written on Windows
		page = strings.ReplaceAll(page, "\n", "\r\n")
	}
	return page, blocks
}

// fence is x in a code block, each line indented by ind.
func fence(ind, marks, x string) string {
	var b strings.Builder
	b.WriteString(ind + marks + "xml\n")
	for _, l := range strings.SplitAfter(x, "\n") {
		if l != "" {
			b.WriteString(ind + l)
		}
	}
	b.WriteString(ind + marks + "\n")
	return b.String()
}

const envOpen = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <soap:Body>
`

const envClose = `  </soap:Body>
</soap:Envelope>
`

func request(op soap.Operation, ns string) string {
	var kids strings.Builder
	for _, c := range op.Children() {
		v := map[string]string{"CallId": callID, "entryId": "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==",
			"DialString": "tel:+14255550123", "GreetingType": "NormalCustom", "status": "true", "dialString": "12345",
			"base64FolderID": "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA=="}[c]
		fmt.Fprintf(&kids, "      <%s>%s</%s>\n", c, v, c)
	}
	if kids.Len() == 0 {
		return envOpen + fmt.Sprintf("    <%s xmlns=\"%s\" />\n", op, ns) + envClose
	}
	return envOpen + fmt.Sprintf("    <%s xmlns=\"%s\">\n%s    </%s>\n", op, ns, kids.String(), op) + envClose
}

func response(op soap.Operation, ns string) string {
	r := op.Response()
	inner := ""
	switch op {
	case soap.GetCallInfo:
		inner = "      <GetCallInfoResponse>\n        <CallState>Connected</CallState>\n        <EventCause>None</EventCause>\n      </GetCallInfoResponse>\n"
	case soap.PlayOnPhone, soap.PlayOnPhoneGreeting:
		inner = fmt.Sprintf("      <%s>%s</%s>\n", r, callID, r)
	case soap.IsUMEnabled:
		inner = "      <IsUMEnabledResponse>true</IsUMEnabledResponse>\n"
	case soap.GetUMProperties:
		inner = "      <GetUMPropertiesResponse>\n        <OofStatus>false</OofStatus>\n        <MissedCallNotificationEnabled>true</MissedCallNotificationEnabled>\n" +
			"        <PlayOnPhoneDialString>12345</PlayOnPhoneDialString>\n        <TelephoneAccessNumbers>54321</TelephoneAccessNumbers>\n" +
			"        <TelephoneAccessFolderEmail>AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==</TelephoneAccessFolderEmail>\n      </GetUMPropertiesResponse>\n"
	}
	if inner == "" {
		return envOpen + fmt.Sprintf("    <%s xmlns=\"%s\" />\n", r, ns) + envClose
	}
	return envOpen + fmt.Sprintf("    <%s xmlns=\"%s\">\n%s    </%s>\n", r, ns, inner, r) + envClose
}

func faultF1(ns string) string {
	errs := strings.Replace(ns, "messages", "errors", 1)
	return `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="` + errs + `">a:InvalidCallIdException</faultcode>
      <faultstring xml:lang="en-US">The call identifier isn't valid.</faultstring>
      <detail>
        <m:ExceptionType xmlns:m="` + ns + `">InvalidCallIdException</m:ExceptionType>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>
`
}

func faultF2(ns string) string {
	types := strings.Replace(ns, "messages", "types", 1)
	errs := strings.Replace(ns, "messages", "errors", 1)
	return `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Body>
    <s:Fault>
      <faultcode xmlns:a="` + types + `">a:ErrorInvalidRequest</faultcode>
      <faultstring xml:lang="en-US">The request is invalid.</faultstring>
      <detail>
        <e:ResponseCode xmlns:e="` + errs + `">ErrorInvalidRequest</e:ResponseCode>
        <e:Message xmlns:e="` + errs + `">The request is invalid.</e:Message>
      </detail>
    </s:Fault>
  </s:Body>
</s:Envelope>
`
}

// Tree writes pages 0..n-1 under dir, a hundred to a folder, and, when
// blockDir is not "", every XML block as a file of its own there (for
// tools that read XML files). It returns the bytes of Markdown written and
// the number of blocks.
func Tree(dir, blockDir string, n int) (size int64, blocks int, err error) {
	for i := range n {
		page, xs := Page(i)
		sub := filepath.Join(dir, fmt.Sprintf("lang-%02d", i/100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return size, blocks, err
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("page-%04d-um-web-service.md", i)), []byte(page), 0o644); err != nil {
			return size, blocks, err
		}
		size += int64(len(page))
		for k, x := range xs {
			blocks++
			if blockDir == "" {
				continue
			}
			if err := os.WriteFile(filepath.Join(blockDir, fmt.Sprintf("page-%04d-%d.xml", i, k)), []byte(x), 0o644); err != nil {
				return size, blocks, err
			}
		}
	}
	return size, blocks, nil
}

//go:build js && wasm

// Command floor is the size floor of the browser benchmark
// (scripts/bench-browser.sh): the least a page like ours links — parse one
// XML string with etree and set one element's text with dom/v2. It is built
// with the flags of scripts/build.sh and never shipped.
package main

import (
	"github.com/beevik/etree"
	"honnef.co/go/js/dom/v2"
)

const sample = `<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Disconnect xmlns="http://schemas.microsoft.com/exchange/services/2006/messages">
      <CallId>MDlkZjllZGMtNGUyMy00NzA5LWJkYWYtN2JlMjBjYjBhZTU2QGRmLWV1bS0wMS5leGNoYW5nZS5jb3JwLm1pY3Jvc29mdC5jb20=</CallId>
    </Disconnect>
  </soap:Body>
</soap:Envelope>`

func main() {
	doc := etree.NewDocument()
	text := "floor: "
	if err := doc.ReadFromString(sample); err != nil {
		text += err.Error()
	} else if e := child(child(child(doc.Root(), "Body"), "Disconnect"), "CallId"); e != nil {
		text += e.Text()
	}
	dom.GetWindow().Document().GetElementByID("out").SetTextContent(text)
}

// child is e's first child element named tag, or nil. (Not FindElement:
// etree's path engine is code the playground does not link, and would make
// the floor bigger than the least such a page needs.)
func child(e *etree.Element, tag string) *etree.Element {
	if e == nil {
		return nil
	}
	return e.SelectElement(tag)
}

package soap

import "strings"

// Namespace URIs (MS-OXWUMS 2.2.1, SOAP 1.1 §4.1.2).
const (
	NSEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"
	NSMessages = "http://schemas.microsoft.com/exchange/services/2006/messages"
	NSTypes    = "http://schemas.microsoft.com/exchange/services/2006/types"
	NSErrors   = "http://schemas.microsoft.com/exchange/services/2006/errors"
	NSXSI      = "http://www.w3.org/2001/XMLSchema-instance"
	NSXSD      = "http://www.w3.org/2001/XMLSchema"
	NSSOAP12   = "http://www.w3.org/2003/05/soap-envelope"
)

// Operation names a UM web service operation this package knows.
type Operation string

// The eleven operations of the UM web service endpoint (MS-OXWUMS 3.1.4;
// behaviour.md "The service's operations"): the call lifecycle, then the
// mailbox's UM settings (umws-protocol.md §4b).
const (
	Disconnect          Operation = "Disconnect"
	GetCallInfo         Operation = "GetCallInfo"
	PlayOnPhone         Operation = "PlayOnPhone"
	PlayOnPhoneGreeting Operation = "PlayOnPhoneGreeting"

	GetUMProperties                  Operation = "GetUMProperties"
	IsUMEnabled                      Operation = "IsUMEnabled"
	ResetPIN                         Operation = "ResetPIN"
	SetMissedCallNotificationEnabled Operation = "SetMissedCallNotificationEnabled"
	SetOofStatus                     Operation = "SetOofStatus"
	SetPlayOnPhoneDialString         Operation = "SetPlayOnPhoneDialString"
	SetTelephoneAccessFolderEmail    Operation = "SetTelephoneAccessFolderEmail"
)

// Operations lists the known operations in a stable order: the call
// lifecycle first, then the settings operations.
var Operations = []Operation{
	Disconnect, GetCallInfo, PlayOnPhone, PlayOnPhoneGreeting,
	GetUMProperties, IsUMEnabled, ResetPIN, SetMissedCallNotificationEnabled,
	SetOofStatus, SetPlayOnPhoneDialString, SetTelephoneAccessFolderEmail,
}

// Settings tells whether op is one of the seven mailbox settings
// operations (umws-protocol.md §4b) rather than part of the call lifecycle.
func (op Operation) Settings() bool {
	switch op {
	case GetUMProperties, IsUMEnabled, ResetPIN, SetMissedCallNotificationEnabled,
		SetOofStatus, SetPlayOnPhoneDialString, SetTelephoneAccessFolderEmail:
		return true
	}
	return false
}

// ActionPrefix is what every SOAPAction of the service starts with.
const ActionPrefix = NSMessages + "/"

// Action is the unquoted SOAPAction URI of op.
func (op Operation) Action() string { return ActionPrefix + string(op) }

// QuotedAction is the SOAPAction header value a correct client sends for op.
func (op Operation) QuotedAction() string { return `"` + op.Action() + `"` }

// Children lists, in schema order, the child elements (all in the messages
// namespace, minOccurs=maxOccurs=1) of op's request element (MS-OXWUMS
// 3.1.4.1.2.1, 3.1.4.3.2.1, 3.1.4.8.2.1, 3.1.4.9; the settings operations
// from the English reference pages, umws-protocol.md §4b). GetUMProperties,
// IsUMEnabled and ResetPIN have none.
func (op Operation) Children() []string {
	switch op {
	case Disconnect, GetCallInfo:
		return []string{"CallId"}
	case PlayOnPhone:
		return []string{"entryId", "DialString"}
	case PlayOnPhoneGreeting:
		return []string{"GreetingType", "DialString"}
	case SetMissedCallNotificationEnabled, SetOofStatus:
		return []string{"status"}
	case SetPlayOnPhoneDialString:
		return []string{"dialString"}
	case SetTelephoneAccessFolderEmail:
		return []string{"base64FolderID"}
	}
	return nil
}

// ChildType is the XML Schema type of op's child name: "xs:boolean" for the
// status of SetOofStatus and SetMissedCallNotificationEnabled, "xs:string"
// for every other child (GreetingType is a string enumeration checked on
// its own).
func (op Operation) ChildType(name string) string {
	if name == "status" && (op == SetOofStatus || op == SetMissedCallNotificationEnabled) {
		return "xs:boolean"
	}
	return "xs:string"
}

// Response is the local name of op's response element, e.g.
// "DisconnectResponse".
func (op Operation) Response() string { return string(op) + "Response" }

// SpecRef is the MS-OXWUMS page for op's section.
func (op Operation) SpecRef() string {
	switch op {
	case Disconnect:
		return SpecDisconnect
	case GetCallInfo:
		return SpecGetCallInfo
	case PlayOnPhone:
		return SpecPlayOnPhone
	case PlayOnPhoneGreeting:
		return SpecPlayOnPhoneGreeting
	}
	if op.Settings() {
		// MS-OXWUMS pages of these sections are not in our source key;
		// the English reference page is.
		return DocsBase + strings.ToLower(string(op)) + "-operation-um-web-service"
	}
	return ""
}

// ParseOperation returns the operation named name, or "" and false.
func ParseOperation(name string) (Operation, bool) {
	for _, op := range Operations {
		if string(op) == name {
			return op, true
		}
	}
	return "", false
}

// Spec links cited by diagnostics.
const (
	specBase                = "https://learn.microsoft.com/en-us/openspecs/exchange_server_protocols/ms-oxwums/"
	SpecDisconnect          = specBase + "16f25ad2-0b9c-4a36-b47c-392700103f9d"
	SpecDisconnectRequest   = specBase + "bf216f41-cfca-4ff7-a8a1-ddce9e5f4849"
	SpecGetCallInfo         = specBase + "2dddda8d-4011-4ce2-9266-30e1e0257463"
	SpecPlayOnPhone         = specBase + "dba0cfc4-ef78-454c-ba1a-5262783b9f1c"
	SpecPlayOnPhoneGreeting = specBase + "bb650dac-5b9e-44c8-aa83-5b4f6ba968f5"
	SpecMalformed           = specBase + "a9e1fd8d-5f87-4caf-84f6-a99031d4bd56"
	SpecExceptionType       = specBase + "2b753396-0313-4b71-9c3b-318482a3cb9d"
	SpecCallIDExample       = specBase + "0bebfce8-9b88-41b1-b66a-bce819ae039d"
	SpecSOAP                = "https://www.w3.org/TR/2000/NOTE-SOAP-20000508/"
	SpecSOAPEnvelope        = SpecSOAP + "#_Toc478383494"
	SpecSOAPHeader          = SpecSOAP + "#_Toc478383497"
	SpecSOAPAction          = SpecSOAP + "#_Toc478383528"
	SpecXML                 = "https://www.w3.org/TR/xml/"
	// DocsBase is where the English UM reference pages are published.
	DocsBase = "https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/"
)

// Name is op's local name, e.g. "Disconnect".
func (op Operation) Name() string { return string(op) }

package umsim

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"umplay/wasm/soap"
)

// Mailbox is the UM settings of the one simulated mailbox, as
// GetUMProperties reports them (umws-protocol.md §4b).
type Mailbox struct {
	OofStatus                     bool
	MissedCallNotificationEnabled bool
	PlayOnPhoneDialString         string
	TelephoneAccessNumbers        string
	TelephoneAccessFolderEmail    string // base64 folder id
}

// DefaultMailbox has the values of the published GetUMProperties response
// (DEV:getumproperties-operation-um-web-service).
func DefaultMailbox() Mailbox {
	return Mailbox{
		OofStatus:                     false,
		MissedCallNotificationEnabled: true,
		PlayOnPhoneDialString:         "12345",
		TelephoneAccessNumbers:        "54321",
		TelephoneAccessFolderEmail:    "AAAAAGsd2rbQLVtLobUGbrq/9IUBAEX2ikn/L8JJtI5WHI0FAW8AAAFXHhsAAA==",
	}
}

// settings runs the seven mailbox settings operations (behaviour.md "The
// call lifecycle and the mailbox's settings"): the Set* operations change
// what GetUMProperties reports; IsUMEnabled answers true; ResetPIN answers
// an empty response. The checker has vetted the request (status is an
// xs:boolean, every child present).
func (s *Server) settings(l words, rep *soap.Report, apply bool) Response {
	op := rep.Operation
	m := s.mailbox
	var what string
	switch op {
	case soap.GetUMProperties:
		return success(getUMPropertiesBody(m), l.tr("sim.mailbox.msg.5", onOff(m.OofStatus), onOff(m.MissedCallNotificationEnabled), m.PlayOnPhoneDialString, m.TelephoneAccessNumbers))
	case soap.IsUMEnabled:
		return success(valueBody(op, "true"), l.tr("sim.is-um-enabled"))
	case soap.ResetPIN:
		return success(emptyBody(op), l.tr("sim.reset-pin"))
	case soap.SetOofStatus:
		m.OofStatus = xmlBool(value(rep, "status"))
		what = l.tr("sim.mailbox.msg", onOff(m.OofStatus))
	case soap.SetMissedCallNotificationEnabled:
		m.MissedCallNotificationEnabled = xmlBool(value(rep, "status"))
		what = l.tr("sim.mailbox.msg.2", onOff(m.MissedCallNotificationEnabled))
	case soap.SetPlayOnPhoneDialString:
		m.PlayOnPhoneDialString = value(rep, "dialString")
		what = l.tr("sim.mailbox.msg.3", m.PlayOnPhoneDialString)
	case soap.SetTelephoneAccessFolderEmail:
		m.TelephoneAccessFolderEmail = strings.TrimSpace(value(rep, "base64FolderID"))
		what = l.tr("sim.mailbox.msg.4", clip(m.TelephoneAccessFolderEmail, 64))
	default:
		return serverFault(errors.New("umsim: " + strconv.Quote(string(op)) + " is not a settings operation"))
	}
	if apply {
		s.mailbox = m
	}
	return success(emptyBody(op), l.tr("sim.mailbox.msg.6", what, op.Response()))
}

// xmlBool is XmlConvert.ToBoolean of a value the checker accepted.
func xmlBool(s string) bool {
	t := strings.Trim(s, " \t\r\n")
	return t == "true" || t == "1"
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// clip cuts s to at most n bytes at a rune boundary, with "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// emptyBody is an empty response element, like DisconnectResponse
// (MS-OXWUMS 4.1): ResetPINResponse and the Set*Response elements.
func emptyBody(op soap.Operation) string {
	return successHead +
		"    <" + op.Response() + ` xmlns="` + soap.NSMessages + `" />` + "\n" +
		successTail
}

// valueBody wraps one value in <XResponse><XResponse>v</XResponse></XResponse>
// (IsUMEnabledResponse, DEV:isumenabled-operation-um-web-service).
func valueBody(op soap.Operation, v string) string {
	name := op.Response()
	return successHead +
		"    <" + name + ` xmlns="` + soap.NSMessages + `">` + "\n" +
		"      <" + name + ">" + soap.EscapeText(v) + "</" + name + ">\n" +
		"    </" + name + ">\n" +
		successTail
}

// getUMPropertiesBody is the GetUMPropertiesResponse envelope
// (DEV:getumproperties-operation-um-web-service).
func getUMPropertiesBody(m Mailbox) string {
	return successHead +
		`    <GetUMPropertiesResponse xmlns="` + soap.NSMessages + `">` + "\n" +
		"      <GetUMPropertiesResponse>\n" +
		"        <OofStatus>" + strconv.FormatBool(m.OofStatus) + "</OofStatus>\n" +
		"        <MissedCallNotificationEnabled>" + strconv.FormatBool(m.MissedCallNotificationEnabled) + "</MissedCallNotificationEnabled>\n" +
		"        <PlayOnPhoneDialString>" + soap.EscapeText(m.PlayOnPhoneDialString) + "</PlayOnPhoneDialString>\n" +
		"        <TelephoneAccessNumbers>" + soap.EscapeText(m.TelephoneAccessNumbers) + "</TelephoneAccessNumbers>\n" +
		"        <TelephoneAccessFolderEmail>" + soap.EscapeText(m.TelephoneAccessFolderEmail) + "</TelephoneAccessFolderEmail>\n" +
		"      </GetUMPropertiesResponse>\n" +
		"    </GetUMPropertiesResponse>\n" +
		successTail
}

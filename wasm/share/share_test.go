package share

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"umplay/wasm/jsonv"
	"umplay/wasm/share/payload"
	"umplay/wasm/state"
)

// examples returns the state of every example in web/examples.
func examples(t *testing.T) map[string]state.State {
	t.Helper()
	dir := filepath.Join("..", "..", "web", "examples")
	b, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []struct {
		File       string  `json:"file"`
		SOAPAction *string `json:"soapAction"`
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]state.State{}
	for _, e := range list {
		text, err := os.ReadFile(filepath.Join(dir, e.File))
		if err != nil {
			t.Fatal(err)
		}
		s := state.Default()
		s.Request, s.Example = string(text), e.File
		s.SOAPActionPresent, s.SOAPAction = e.SOAPAction != nil, ""
		if e.SOAPAction != nil {
			s.SOAPAction = *e.SOAPAction
		}
		out[e.File] = s
	}
	if len(out) < 30 {
		t.Fatalf("%d examples, want them all", len(out))
	}
	return out
}

func deflate(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func TestRoundTripExamples(t *testing.T) {
	for name, s := range examples(t) {
		for _, opt := range []Options{{}, {NoRedact: true}} {
			l, err := Encode(s, opt)
			if err != nil {
				t.Fatalf("%s: Encode: %v", name, err)
			}
			if !strings.HasPrefix(l.Fragment, "s=1.") || len(l.Fragment) > 2000 {
				t.Errorf("%s: fragment %q… is %d characters", name, l.Fragment[:min(20, len(l.Fragment))], len(l.Fragment))
			}
			got, info, err := Decode("https://umplay.example/#" + l.Fragment)
			if err != nil {
				t.Fatalf("%s: Decode: %v", name, err)
			}
			if got != l.State {
				t.Errorf("%s %+v: Decode(Encode(s)) = %+v, want %+v", name, opt, got, l.State)
			}
			if opt.NoRedact && got != s {
				t.Errorf("%s: without redaction the state changed", name)
			}
			if info.Version != 1 || info.Upgraded || len(info.Fields) == 0 || info.Fields[0] != "request" {
				t.Errorf("%s: info = %+v", name, info)
			}
		}
	}
}

func TestDefaultIsEmpty(t *testing.T) {
	l, err := Encode(state.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(l.JSON) != "{}" {
		t.Errorf("the default state's payload is %s, want {}", l.JSON)
	}
	s := state.Default()
	s.Builder.Host = "um02.contoso.com"
	s.SOAPActionPresent = false
	l, _ = Encode(s, Options{})
	if want := `{"soapActionPresent":false,"builder":{"host":"um02.contoso.com"}}`; string(l.JSON) != want {
		t.Errorf("payload = %s, want %s", l.JSON, want)
	}
}

func TestRedactedByDefault(t *testing.T) {
	s := state.Default()
	s.Endpoint = "https://exch01.corp.fabrikam-real.net/EWS/UM2007Legacy.asmx"
	s.Request = "<CallId>" + base64.StdEncoding.EncodeToString([]byte("3f2b8c1e-5a4d-4e6f-9b7a-2c1d0e9f8a7b@exch01.corp.fabrikam-real.net")) + "</CallId>"
	l, err := Encode(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Decode(l.Fragment)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(l.JSON), "fabrikam-real") || got.Endpoint != state.DefaultEndpoint || got.Request == s.Request {
		t.Errorf("redaction left something: payload %s", l.JSON)
	}
	l, _ = Encode(s, Options{NoRedact: true})
	if got, _, _ := Decode(l.Fragment); got != s {
		t.Errorf("NoRedact: got %+v, want %+v", got, s)
	}
}

func TestDecodeErrors(t *testing.T) {
	frag := func(v string, data []byte) string { return "s=" + v + "." + base64.RawURLEncoding.EncodeToString(data) }
	bomb := deflate(t, make([]byte, payload.MaxInflated+1))
	nested := `{"builder":` + strings.Repeat(`[`, 20) + strings.Repeat(`]`, 20) + `}`
	tests := []struct{ name, in, want string }{
		{"no state", "#theme=dark", "no state"},
		{"no version", "s=abc", "has no version"},
		{"version not a number", "s=x.abc", `version "x" is not a number`},
		{"unknown version", frag("2", deflate(t, []byte("{}"))), "is version 2; this umplay reads versions 1 to 1"},
		{"version 0", frag("0", deflate(t, []byte("{}"))), "is version 0"},
		{"bad base64", "s=1.abc$def", `not base64url at character 7 of the fragment (character "$"`},
		{"padding", "s=1.YWJj=", "not base64url"},
		{"empty", "s=1.", "empty"},
		{"not deflate", frag("1", []byte("hello, world")), "not deflate data"},
		{"cut", frag("1", deflate(t, []byte(`{"request":"`+strings.Repeat("abcdefgh", 100)+`"}`))[:20]), "not deflate data"},
		{"deflate bomb", frag("1", bomb), "inflates to more than 5308416 bytes"},
		{"too long", "s=1." + strings.Repeat("A", payload.MaxFragment), "characters long, the limit is 65536"},
		{"not JSON", frag("1", deflate(t, []byte("<script>alert(1)</script>"))), "not valid JSON"},
		{"not an object", frag("1", deflate(t, []byte(`["request"]`))), "an array, not an object"},
		{"wrong type", frag("1", deflate(t, []byte(`{"request":42}`))), `"request": want a string`},
		{"wrong nested type", frag("1", deflate(t, []byte(`{"builder":{"prefix":"yes"}}`))), `"builder.prefix"`},
		{"unknown operation", frag("1", deflate(t, []byte(`{"builder":{"operation":"Hangup"}}`))), `unknown operation "Hangup"`},
		{"too deep", frag("1", deflate(t, []byte(nested))), "nest"},
	}
	for _, tt := range tests {
		s, _, err := Decode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "share: ") {
			t.Errorf("%s: Decode error = %v, want one containing %q", tt.name, err, tt.want)
		}
		if s != state.Default() {
			t.Errorf("%s: Decode gave %+v, want the default state", tt.name, s)
		}
	}
	if _, _, err := Decode("#x=1"); !errors.Is(err, payload.ErrNoState) {
		t.Errorf("Decode without s= = %v, want ErrNoState", err)
	}
}

// TestUpgrade adds a fake version 2 (the endpoint renamed "url") and checks
// that a link of version 1, made by this umplay, still opens the same
// state through the upgrade.
func TestUpgrade(t *testing.T) {
	v2 := payload.Codec{
		Current: 2,
		Upgrades: map[int]func(*jsonv.Value) (*jsonv.Value, error){
			1: func(v *jsonv.Value) (*jsonv.Value, error) {
				for i, m := range v.Members {
					if m.Key == "endpoint" {
						v.Members[i].Key = "url"
					}
				}
				return v, nil
			},
		},
		Parse: func(data []byte) (state.State, error) {
			v, err := jsonv.Parse(data)
			if err != nil {
				return state.State{}, err
			}
			if v.Get("endpoint") != nil {
				return state.State{}, errors.New("version 2 has no endpoint")
			}
			for i, m := range v.Members {
				if m.Key == "url" {
					v.Members[i].Key = "endpoint"
				}
			}
			return state.Parse(v.Append(nil))
		},
	}
	s := examples(t)["disconnect-docs-pt-br.xml"]
	s.Endpoint = "https://mail.contoso.com/UnifiedMessaging/Service.asmx"
	l, err := Encode(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ver, data, err := payload.Split(l.Fragment)
	if err != nil || ver != 1 {
		t.Fatalf("Split = %d, %v", ver, err)
	}
	js, err := Inflate(data, payload.MaxInflated)
	if err != nil {
		t.Fatal(err)
	}
	got, info, err := v2.Open(ver, js)
	if err != nil {
		t.Fatal(err)
	}
	if got != s || !info.Upgraded || info.Version != 1 {
		t.Errorf("v2.Open(v1 link) = %+v, %+v; want %+v, upgraded", got, info, s)
	}
	if _, _, err := v2.Open(3, js); err == nil || !strings.Contains(err.Error(), "versions 1 to 2") {
		t.Errorf("v2.Open(3, …) = %v, want an unknown version", err)
	}
	broken := v2
	broken.Upgrades = nil
	if _, _, err := broken.Open(1, js); err == nil || !strings.Contains(err.Error(), "no upgrade from version 1") {
		t.Errorf("a codec without its upgrade: %v", err)
	}
}

package jsonv_test

import (
	"fmt"

	"umplay/wasm/jsonv"
)

func ExampleParse() {
	data := []byte("{\"op\": \"Disconnect\",\n \"n\": [1, 2,]}")
	_, err := jsonv.Parse(data)
	fmt.Println(err)
	data = []byte("{\"n\": 2,\n \"op\": \"Disconnect\"}")
	v, _ := jsonv.Parse(data)
	op := v.Get("op")
	line, col := jsonv.LineCol(data, op.Offset)
	fmt.Println(op.Kind, op.Str, line, col)
	// Output:
	// jsonv: trailing comma in an array at line 2, column 13
	// a string Disconnect 2 8
}

func ExampleObjectWriter() {
	var b jsonv.ObjectWriter
	b.String("operation", "PlayOnPhone")
	b.Bool("prefix", false)
	var o jsonv.ObjectWriter
	o.String("request", "<a x=\"1\"/>\n")
	o.Raw("builder", b.Bytes())
	fmt.Println(string(o.Bytes()))
	// Output:
	// {"request":"<a x=\"1\"/>\n","builder":{"operation":"PlayOnPhone","prefix":false}}
}

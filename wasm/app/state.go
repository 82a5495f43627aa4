//go:build js && wasm

package main

import st "umplay/wasm/state"

// State is the page's one state (package state); Builder its builder form.
type (
	State   = st.State
	Builder = st.Builder
)

// DefaultEndpoint is the Exchange 2010+ URL of the UM web service.
const DefaultEndpoint = st.DefaultEndpoint

// DefaultState is the page as index.html renders it.
func DefaultState() State { return st.Default() }

// ParseState reads a serialized State (see state.Parse).
func ParseState(data []byte) (State, error) { return st.Parse(data) }

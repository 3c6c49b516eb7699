package sqlstore

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// A security group's rules are one JSON array, as encoding/json writes
// them; every build reads and writes that form, so builds of one schema
// version share a store. A reachability query reads the groups on its
// path, of up to 100 rules each, and encoding/json's reflection made that
// most of a query's cost: decodeGroupRules reads the form encoding/json
// writes by hand, and leaves anything else (spaces, escapes, other
// spellings) to encoding/json, so that it reads every value as it would.

// encodeGroupRules writes rules as a JSON array, [] for none.
func encodeGroupRules(rules []engine.SecurityGroupRule) (string, error) {
	if len(rules) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(rules)
	return string(b), err
}

// decodeGroupRules reads what encodeGroupRules wrote; nil for no rules.
func decodeGroupRules(text string) ([]engine.SecurityGroupRule, error) {
	rules, ok := fastGroupRules(text)
	if !ok {
		rules = nil
		if err := json.Unmarshal([]byte(text), &rules); err != nil {
			return nil, err
		}
	}
	if len(rules) == 0 {
		return nil, nil
	}
	return rules, nil
}

// fastGroupRules reads a compact JSON array of rule objects whose strings
// hold no escapes and whose numbers are plain integers; ok is false for
// anything else. Its strings share text's memory.
func fastGroupRules(text string) (rules []engine.SecurityGroupRule, ok bool) {
	p := ruleParser{s: text}
	if !p.skip('[') {
		return nil, false
	}
	if p.skip(']') {
		return nil, p.done()
	}
	rules = make([]engine.SecurityGroupRule, 0, strings.Count(text, "},{")+1)
	for {
		r, ok := p.rule()
		if !ok {
			return nil, false
		}
		rules = append(rules, r)
		if p.skip(']') {
			return rules, p.done()
		}
		if !p.skip(',') {
			return nil, false
		}
	}
}

// ruleParser walks compact JSON; every method reports whether the text
// had the expected form there.
type ruleParser struct {
	s   string
	pos int
}

func (p *ruleParser) done() bool { return p.pos == len(p.s) }

// skip consumes c if it comes next.
func (p *ruleParser) skip(c byte) bool {
	if p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

// rule reads one object whose keys are a rule's fields, in any order.
func (p *ruleParser) rule() (r engine.SecurityGroupRule, ok bool) {
	if !p.skip('{') {
		return r, false
	}
	if p.skip('}') {
		return r, true
	}
	for {
		key, ok := p.str()
		if !ok || !p.skip(':') || !p.field(&r, key) {
			return r, false
		}
		if p.skip('}') {
			return r, true
		}
		if !p.skip(',') {
			return r, false
		}
	}
}

// field reads the value of key into r; an unknown key is not this form
// (encoding/json would match it without regard to case).
func (p *ruleParser) field(r *engine.SecurityGroupRule, key string) bool {
	var ok bool
	switch key {
	case "direction":
		r.Direction, ok = p.str()
	case "protocol":
		r.Protocol, ok = p.str()
	case "remote_cidr":
		r.RemoteCIDR, ok = p.str()
	case "port_range_min":
		r.PortRangeMin, ok = p.integer()
	case "port_range_max":
		r.PortRangeMax, ok = p.integer()
	}
	return ok
}

// str reads a string without escapes or control characters.
func (p *ruleParser) str() (string, bool) {
	if !p.skip('"') {
		return "", false
	}
	start := p.pos
	for p.pos < len(p.s) {
		switch c := p.s[p.pos]; {
		case c == '"':
			p.pos++
			return p.s[start : p.pos-1], true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return "", false // escapes and non-ASCII: encoding/json decides
		}
		p.pos++
	}
	return "", false
}

// integer reads an optional minus and digits, without leading zeros, that
// fit an int.
func (p *ruleParser) integer() (int, bool) {
	start := p.pos
	p.skip('-')
	digits := p.pos
	for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
		p.pos++
	}
	if n := p.pos - digits; n == 0 || n > 1 && p.s[digits] == '0' {
		return 0, false
	}
	v, err := strconv.Atoi(p.s[start:p.pos])
	return v, err == nil
}

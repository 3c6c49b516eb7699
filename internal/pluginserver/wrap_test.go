package pluginserver

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The protocol's interfaces: ProviderServer, and the optional ones
// tf6server looks for with a type assertion.
var protocolInterfaces = []reflect.Type{
	reflect.TypeFor[tfprotov6.ProviderServer](),
	reflect.TypeFor[tfprotov6.ListResourceServer](),
	reflect.TypeFor[tfprotov6.ActionServer](),
	reflect.TypeFor[tfprotov6.StateStoreServer](),
}

// TestEveryRequestIsWrapped calls every method of the framework's server
// through the wrapper and checks that each was served as a request (see
// server.begin and server.end). A method the wrapper lacks or passes
// straight through would leave its request registered with the framework,
// and could be cancelled by a clearing while it runs.
func TestEveryRequestIsWrapped(t *testing.T) {
	framework := providerserver.NewProtocol6(testProvider{})()
	for _, iface := range protocolInterfaces {
		if reflect.TypeOf(framework).Implements(iface) && !reflect.TypeFor[*server]().Implements(iface) {
			t.Errorf("the framework's server implements %v and the wrapper does not", iface)
		}
	}
	s := New(framework).(*server)
	frameworkType := reflect.TypeOf(framework)
	for _, iface := range protocolInterfaces {
		for i := range iface.NumMethod() {
			if _, ok := frameworkType.MethodByName(iface.Method(i).Name); !ok {
				t.Errorf("the framework's server has no %s: this test would not call it", iface.Method(i).Name)
			}
		}
	}
	for i := range frameworkType.NumMethod() {
		name := frameworkType.Method(i).Name
		if name == "StopProvider" {
			continue // deliberately not a request: see server.StopProvider
		}
		method := reflect.ValueOf(s).MethodByName(name)
		if !method.IsValid() {
			t.Errorf("%s: the wrapper does not have it", name)
			continue
		}
		before := s.served.Load()
		out := method.Call([]reflect.Value{reflect.ValueOf(context.Background()), zeroRequest(method.Type().In(1))})
		if err, _ := out[1].Interface().(error); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		drainStreams(out[0])
		if s.served.Load() != before+1 {
			t.Errorf("%s is not wrapped: it was not served as a request", name)
		}
	}
}

// zeroRequest is an empty request of type ptr, with any stream it carries
// empty rather than nil.
func zeroRequest(ptr reflect.Type) reflect.Value {
	req := reflect.New(ptr.Elem())
	for i := range ptr.Elem().NumField() {
		f := req.Elem().Field(i)
		if f.Kind() == reflect.Func && f.CanSet() {
			f.Set(reflect.MakeFunc(f.Type(), func([]reflect.Value) []reflect.Value { return nil }))
		}
	}
	return req
}

// drainStreams ranges over every iterator field of a response to its end,
// as tf6server does with a streamed response.
func drainStreams(resp reflect.Value) {
	if resp.Kind() != reflect.Pointer || resp.IsNil() || resp.Elem().Kind() != reflect.Struct {
		return
	}
	for i := range resp.Elem().NumField() {
		f := resp.Elem().Field(i)
		if f.Kind() != reflect.Func || f.IsNil() || f.Type().NumIn() != 1 || f.Type().NumOut() != 0 {
			continue
		}
		yield := reflect.MakeFunc(f.Type().In(0), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(true)}
		})
		f.Call([]reflect.Value{yield})
	}
}

// TestClearingLeavesTheProviderServing checks what the wrapper relies on:
// the framework's StopProvider cancels the contexts of past requests and
// leaves the configured provider serving.
func TestClearingLeavesTheProviderServing(t *testing.T) {
	var first context.Context
	srv := configured(t, New(providerserver.NewProtocol6(testProvider{onRead: func(ctx context.Context, id string) {
		if id == "first" {
			first = ctx
		}
	}})()))
	if err := readThing(context.Background(), srv, "first"); err != nil {
		t.Fatal(err)
	}
	for range clearEvery {
		if err := readThing(context.Background(), srv, "x"); err != nil {
			t.Fatal(err)
		}
	}
	if first.Err() == nil {
		t.Fatalf("after %d requests with none running, the first request's context was not cleared", clearEvery+1)
	}
	if err := readThing(context.Background(), srv, "x"); err != nil {
		t.Fatalf("after a clearing: %v", err)
	}
}

// TestClearingSparesARunningRequest checks that no clearing happens while a
// request runs, however many others finish meanwhile.
func TestClearingSparesARunningRequest(t *testing.T) {
	started, release, cancelled := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	srv := configured(t, New(providerserver.NewProtocol6(testProvider{onRead: func(ctx context.Context, id string) {
		if id == "slow" {
			close(started)
			<-release
			cancelled <- ctx.Err()
		}
	}})()))
	done := make(chan error)
	go func() { done <- readThing(context.Background(), srv, "slow") }()
	<-started
	for range 2 * clearEvery {
		if err := readThing(context.Background(), srv, "x"); err != nil {
			t.Fatal(err)
		}
	}
	close(release)
	if err := <-cancelled; err != nil {
		t.Errorf("the running request's context: %v", err)
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// TestStopProviderCancelsARunningRequest checks that the CLI's StopProvider
// still reaches the requests it means to stop.
func TestStopProviderCancelsARunningRequest(t *testing.T) {
	started := make(chan struct{})
	srv := configured(t, New(providerserver.NewProtocol6(testProvider{onRead: func(ctx context.Context, id string) {
		if id == "slow" {
			close(started)
			<-ctx.Done()
		}
	}})()))
	done := make(chan error)
	go func() { done <- readThing(context.Background(), srv, "slow") }()
	<-started
	if _, err := srv.StopProvider(context.Background(), &tfprotov6.StopProviderRequest{}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// TestAStreamRunsUntilDrained checks that a streamed response keeps its
// request running, and so spared by clearing, until tf6server drains it.
func TestAStreamRunsUntilDrained(t *testing.T) {
	s := New(providerserver.NewProtocol6(testProvider{})()).(*server)
	stream, err := s.ListResource(context.Background(), &tfprotov6.ListResourceRequest{TypeName: "test_thing"})
	if err != nil {
		t.Fatal(err)
	}
	if s.running.TryLock() {
		t.Fatal("the request ended before its stream was drained")
	}
	for range stream.Results {
	}
	if !s.running.TryLock() {
		t.Fatal("the request still runs after its stream was drained")
	}
}

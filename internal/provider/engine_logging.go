package provider

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/eni/terraform-provider-eni/internal/engine"
)

// loggingStore is the one place engine operations are logged. It sits between
// the engine and its store, so every engine call the provider makes, from a
// plan-time check to an apply, is logged at DEBUG with:
//
//   - operation: the exported engine method that ran, such as AttachNetworkInterface;
//   - transaction: "update" or "view";
//   - read and wrote: the IDs of the objects the transaction read and wrote;
//   - elapsed_ms: the time the transaction took, retries included;
//   - attempts: how many times the store ran it, when contention made it retry;
//   - code and error: why the operation failed, with the engine's code when
//     the engine refused it.
//
// TF_LOG=DEBUG (or TF_LOG_PROVIDER=DEBUG) shows them. Each record carries the
// context's fields, so it is tied to the resource and RPC that caused it.
type loggingStore struct {
	engine.Store
}

// newLoggingStore wraps a store so that the engine's operations on it are logged.
func newLoggingStore(st engine.Store) engine.Store {
	if _, ok := st.(*loggingStore); ok {
		return st
	}
	return &loggingStore{Store: st}
}

func (s *loggingStore) Update(ctx context.Context, fn func(engine.Tx) error) error {
	return s.run(ctx, "update", s.Store.Update, fn)
}

func (s *loggingStore) View(ctx context.Context, fn func(engine.Tx) error) error {
	return s.run(ctx, "view", s.Store.View, fn)
}

func (s *loggingStore) run(ctx context.Context, kind string, do func(context.Context, func(engine.Tx) error) error, fn func(engine.Tx) error) error {
	op := engineOperation()
	var rec txRecord
	attempts := 0
	start := time.Now()
	err := do(ctx, func(tx engine.Tx) error {
		// A store may run fn again after contention: log the last attempt's objects.
		attempts++
		rec = txRecord{}
		return fn(&loggingTx{Tx: tx, rec: &rec})
	})
	fields := map[string]any{
		"operation":   op,
		"transaction": kind,
		"elapsed_ms":  float64(time.Since(start).Microseconds()) / 1000,
	}
	if len(rec.read) > 0 {
		fields["read"] = rec.read
	}
	if len(rec.wrote) > 0 {
		fields["wrote"] = rec.wrote
	}
	if attempts > 1 {
		fields["attempts"] = attempts
	}
	if err != nil {
		fields["error"] = err.Error()
		outcome := " failed"
		if code := engine.CodeOf(err); code != "" {
			fields["code"] = code
			outcome = " refused"
		}
		tflog.Debug(ctx, "engine "+op+outcome, fields)
		return err
	}
	tflog.Debug(ctx, "engine "+op, fields)
	return nil
}

// engineOperation names the exported engine method that opened the current
// transaction, from the call stack: the outermost frame of an exported method
// of *engine.Engine, so helpers it calls do not hide it.
func engineOperation() string {
	const prefix = "github.com/eni/terraform-provider-eni/internal/engine.(*Engine)."
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	op := ""
	for {
		f, more := frames.Next()
		if name, ok := strings.CutPrefix(f.Function, prefix); ok && name != "" && name[0] >= 'A' && name[0] <= 'Z' {
			op = name
		} else if op != "" && !strings.HasPrefix(f.Function, "github.com/eni/terraform-provider-eni/internal/engine.") {
			break // left the engine: op is the method the provider called
		}
		if !more {
			break
		}
	}
	if op == "" {
		return "transaction"
	}
	return op
}

// txRecord collects the IDs one transaction read and wrote, in first-seen order.
type txRecord struct {
	read, wrote []string
}

func (r *txRecord) addRead(id string) {
	if id != "" && !slices.Contains(r.read, id) {
		r.read = append(r.read, id)
	}
}

func (r *txRecord) addWrote(id string) {
	if id != "" && !slices.Contains(r.wrote, id) {
		r.wrote = append(r.wrote, id)
	}
}

// loggingTx records the IDs a transaction touches. Methods it does not
// override (lists, counts, allocation cursors) pass straight through.
type loggingTx struct {
	engine.Tx
	rec *txRecord
}

func (t *loggingTx) InsertVPC(v engine.VPC) error {
	t.rec.addWrote(v.ID)
	return t.Tx.InsertVPC(v)
}

func (t *loggingTx) UpdateVPC(v engine.VPC) error {
	t.rec.addWrote(v.ID)
	return t.Tx.UpdateVPC(v)
}

func (t *loggingTx) DeleteVPC(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteVPC(id)
}

func (t *loggingTx) GetVPC(id string) (engine.VPC, error) {
	t.rec.addRead(id)
	return t.Tx.GetVPC(id)
}

func (t *loggingTx) InsertSubnet(s engine.Subnet) error {
	t.rec.addWrote(s.ID)
	return t.Tx.InsertSubnet(s)
}

func (t *loggingTx) UpdateSubnet(s engine.Subnet) error {
	t.rec.addWrote(s.ID)
	return t.Tx.UpdateSubnet(s)
}

func (t *loggingTx) DeleteSubnet(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteSubnet(id)
}

func (t *loggingTx) GetSubnet(id string) (engine.Subnet, error) {
	t.rec.addRead(id)
	return t.Tx.GetSubnet(id)
}

func (t *loggingTx) InsertSecurityGroup(g engine.SecurityGroup) error {
	t.rec.addWrote(g.ID)
	return t.Tx.InsertSecurityGroup(g)
}

func (t *loggingTx) UpdateSecurityGroup(g engine.SecurityGroup) error {
	t.rec.addWrote(g.ID)
	return t.Tx.UpdateSecurityGroup(g)
}

func (t *loggingTx) DeleteSecurityGroup(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteSecurityGroup(id)
}

func (t *loggingTx) GetSecurityGroup(id string) (engine.SecurityGroup, error) {
	t.rec.addRead(id)
	return t.Tx.GetSecurityGroup(id)
}

func (t *loggingTx) InsertServer(s engine.Server) error {
	t.rec.addWrote(s.ID)
	return t.Tx.InsertServer(s)
}

func (t *loggingTx) UpdateServer(s engine.Server) error {
	t.rec.addWrote(s.ID)
	return t.Tx.UpdateServer(s)
}

func (t *loggingTx) DeleteServer(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteServer(id)
}

func (t *loggingTx) GetServer(id string) (engine.Server, error) {
	t.rec.addRead(id)
	return t.Tx.GetServer(id)
}

func (t *loggingTx) InsertNetworkInterface(n engine.NetworkInterface) error {
	t.rec.addWrote(n.ID)
	return t.Tx.InsertNetworkInterface(n)
}

func (t *loggingTx) UpdateNetworkInterface(n engine.NetworkInterface) error {
	t.rec.addWrote(n.ID)
	return t.Tx.UpdateNetworkInterface(n)
}

func (t *loggingTx) DeleteNetworkInterface(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteNetworkInterface(id)
}

func (t *loggingTx) GetNetworkInterface(id string) (engine.NetworkInterface, error) {
	t.rec.addRead(id)
	return t.Tx.GetNetworkInterface(id)
}

func (t *loggingTx) InsertEIP(e engine.EIP) error {
	t.rec.addWrote(e.ID)
	return t.Tx.InsertEIP(e)
}

func (t *loggingTx) UpdateEIP(e engine.EIP) error {
	t.rec.addWrote(e.ID)
	return t.Tx.UpdateEIP(e)
}

func (t *loggingTx) DeleteEIP(id string) error {
	t.rec.addWrote(id)
	return t.Tx.DeleteEIP(id)
}

func (t *loggingTx) GetEIP(id string) (engine.EIP, error) {
	t.rec.addRead(id)
	return t.Tx.GetEIP(id)
}

func (t *loggingTx) GetEIPByNetworkInterface(networkInterfaceID string) (engine.EIP, error) {
	t.rec.addRead(networkInterfaceID)
	e, err := t.Tx.GetEIPByNetworkInterface(networkInterfaceID)
	if err == nil {
		t.rec.addRead(e.ID)
	}
	return e, err
}

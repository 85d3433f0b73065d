package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// target is one kind of request the load tool sends.
type target struct {
	Name string
	// prepare fills in request i (a client's own counter, so that requests may vary).
	prepare func(req *fasthttp.Request, i int)
	// want is the status every answer must have; any other stops the run with an error.
	want int
}

// result is what driving one target measured.
type result struct {
	Name     string
	Requests int
	Seconds  float64
	P50, P99 time.Duration
	Bytes    int // size of one answer's body
}

// PerSecond is the throughput.
func (r result) PerSecond() float64 { return float64(r.Requests) / r.Seconds }

// drive sends t from clients concurrent connections, each waiting for its answer before it
// asks again, for d after a short warm-up, and measures throughput and latency.
func drive(addr string, t target, clients int, d time.Duration) (result, error) {
	hc := &fasthttp.HostClient{Addr: addr, MaxConns: clients, ReadTimeout: 30 * time.Second,
		MaxResponseBodySize: 64 << 20}
	var (
		wg       sync.WaitGroup
		stop     atomic.Bool
		measure  atomic.Bool
		mu       sync.Mutex
		lat      []time.Duration
		failure  error
		bodySize atomic.Int64
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
			defer fasthttp.ReleaseRequest(req)
			defer fasthttp.ReleaseResponse(resp)
			own := make([]time.Duration, 0, 4096)
			for i := c * 1_000_000; !stop.Load(); i++ {
				req.Reset()
				t.prepare(req, i)
				req.SetHost(addr)
				began := time.Now()
				if err := hc.Do(req, resp); err != nil {
					setFailure(&mu, &failure, fmt.Errorf("%s: %w", t.Name, err))
					stop.Store(true)
					break
				}
				took := time.Since(began)
				if resp.StatusCode() != t.want {
					setFailure(&mu, &failure, fmt.Errorf("%s: status %d, want %d: %.300s", t.Name,
						resp.StatusCode(), t.want, resp.Body()))
					stop.Store(true)
					break
				}
				bodySize.Store(int64(len(resp.Body())))
				if measure.Load() {
					own = append(own, took)
				}
			}
			mu.Lock()
			lat = append(lat, own...)
			mu.Unlock()
		}()
	}
	time.Sleep(d / 5) // warm-up: connections made, caches filled
	measure.Store(true)
	began := time.Now()
	time.Sleep(d)
	measure.Store(false)
	elapsed := time.Since(began)
	stop.Store(true)
	wg.Wait()
	// The connections end with their target: left open, each target's 64 would stay on both
	// sides with their buffers, and the targets measured last would pay for the ones before.
	hc.CloseIdleConnections()
	if failure != nil {
		return result{}, failure
	}
	return summarise(t.Name, lat, elapsed, int(bodySize.Load())), nil
}

// series sends one target from one client, one request after another, in as many goes as it
// is asked for; its result adds the goes up. It is the figure of a lecturer saving rosters one
// after another, where each save waits for the disk.
type series struct {
	addr string
	t    target
	hc   *fasthttp.HostClient
	lat  []time.Duration
	took time.Duration
	size int
}

func newSeries(addr string, t target) *series {
	return &series{addr: addr, t: t, hc: &fasthttp.HostClient{Addr: addr, MaxConns: 1, ReadTimeout: 30 * time.Second}}
}

// send sends n more requests, numbered on from the ones before.
func (s *series) send(n int) error {
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	began := time.Now()
	for range n {
		req.Reset()
		s.t.prepare(req, len(s.lat))
		req.SetHost(s.addr)
		at := time.Now()
		if err := s.hc.Do(req, resp); err != nil {
			return fmt.Errorf("%s: %w", s.t.Name, err)
		}
		if resp.StatusCode() != s.t.want {
			return fmt.Errorf("%s: status %d, want %d: %.300s", s.t.Name, resp.StatusCode(), s.t.want, resp.Body())
		}
		s.lat = append(s.lat, time.Since(at))
	}
	s.took += time.Since(began)
	s.size = len(resp.Body())
	return nil
}

func (s *series) result() result { return summarise(s.t.Name, s.lat, s.took, s.size) }

// alternately measures two series of n requests each in rounds that take turns (a, b, a, b,
// …), so that a figure and the reference it is set beside (a roster save and a bare commit)
// meet the disk in the same moods: how fast a disk syncs drifts from minute to minute, and
// two series measured one after the other would carry the drift into their ratio.
func alternately(a, b *series, n, rounds int) (ra, rb result, err error) {
	for i := range rounds {
		size := n / rounds
		if i < n%rounds { // the rest spread over the first rounds
			size++
		}
		if err := a.send(size); err != nil {
			return result{}, result{}, err
		}
		if err := b.send(size); err != nil {
			return result{}, result{}, err
		}
	}
	return a.result(), b.result(), nil
}

func setFailure(mu *sync.Mutex, failure *error, err error) {
	mu.Lock()
	defer mu.Unlock()
	if *failure == nil {
		*failure = err
	}
}

func summarise(name string, lat []time.Duration, elapsed time.Duration, size int) result {
	slices.Sort(lat)
	r := result{Name: name, Requests: len(lat), Seconds: elapsed.Seconds(), Bytes: size}
	if len(lat) > 0 {
		r.P50, r.P99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return r
}

package main

import (
	"context"
	"net"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/db"
)

// bare serves the references every figure is compared with, on their own loopback listener:
// a handler that answers "ok", one that runs one indexed SELECT on the product's database, and
// one that commits one single-row write with the product's pragmas (synchronous FULL) to a
// scratch database beside it.
func bare(ctx context.Context, product, scratch *db.DB) (addr string, stop func(), err error) {
	if _, err := scratch.W.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS bare (id INTEGER PRIMARY KEY, v INTEGER)`); err != nil {
		return "", nil, err
	}
	if _, err := scratch.W.ExecContext(ctx, `INSERT OR IGNORE INTO bare (id, v) VALUES (1, 0)`); err != nil {
		return "", nil, err
	}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/ok", func(c *fiber.Ctx) error { return c.SendString("ok") })
	app.Get("/select/:id", func(c *fiber.Ctx) error {
		id, _ := strconv.ParseInt(c.Params("id"), 10, 64)
		var name string
		if err := product.R.GetContext(c.UserContext(), &name, `SELECT name FROM persons WHERE id = ?`, id); err != nil {
			return err
		}
		return c.SendString(name)
	})
	app.Put("/commit", func(c *fiber.Ctx) error {
		if _, err := scratch.W.ExecContext(c.UserContext(), `UPDATE bare SET v = v + 1 WHERE id = 1`); err != nil {
			return err
		}
		return c.SendString("ok")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	go app.Listener(ln)
	return ln.Addr().String(), func() { _ = app.Shutdown() }, nil
}

package main

import "mentorlms/cmd/internal/wire"

// options and newApp are the wiring of the product, which the load tool shares.
type options = wire.Options

var newApp = wire.App

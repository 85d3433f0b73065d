package main

// evidencePageAccess covers the evidence and self-identification pages and API.
var evidencePageAccess = []access{}

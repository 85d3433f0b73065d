package main

// coursesPageAccess covers the pages of the catalog, the schedule and the calendar feeds.
var coursesPageAccess = []access{}

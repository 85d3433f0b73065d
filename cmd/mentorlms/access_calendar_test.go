package main

// calendarAccess covers the iCalendar feeds and the page of a person's own feed.
var calendarAccess = []access{}

package main

// enrollmentPageAccess covers the enrolment pages.
var enrollmentPageAccess = []access{}

// Package need lets a test require a program of the machine (espeak-ng,
// lame, mpg123): missing, the test fails under CI=true (make test
// installs them, so a skip there would hide a broken setup) and skips
// elsewhere with what to install.
package need

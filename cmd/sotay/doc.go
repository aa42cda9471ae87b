// Command sotay is the one binary of sotay: `serve` (the API, and the
// workers unless told not to), `migrate`, `seed`, `import members`,
// `account create-admin` and `version`. It turns flags and SOTAY_*
// environment variables into a Config and wires the packages together;
// nothing else lives here. Main is testable: Run takes its arguments,
// environment and output streams explicitly.
package main

package main

import (
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"fmt"
	"time"
)

// chain.pem holds a real public chain: the www.google.com leaf and its intermediate, GTS CA 1C3
// (the "googleLeaf" and "gtsIntermediate" test vectors of Go 1.19's crypto/x509/verify_test.go).
// Its root, GTS Root R1, is in the Mozilla/Debian CA bundle (ca-certificates.crt).
//
//go:embed chain.pem
var chainPEM []byte

// chainTime lies inside the leaf's validity (2023-01-02 to 2023-03-27), so the check does not
// depend on today's date; it is the time Go's own test uses.
var chainTime = time.Unix(1677615892, 0)

// verifyChain checks the chain exactly as an HTTPS client does before it sends a byte: crypto/tls
// calls Certificate.Verify with Roots unset, which means the system roots (on Linux the CA bundle
// under /etc/ssl or /etc/pki, or SSL_CERT_FILE/SSL_CERT_DIR). Without them the error is
// "x509: certificate signed by unknown authority". No network is needed.
func verifyChain() (string, error) {
	var certs []*x509.Certificate
	for rest := chainPEM; ; {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return "", err
		}
		certs = append(certs, c)
	}
	if len(certs) < 2 {
		return "", fmt.Errorf("chain.pem: %d certificates, want a leaf and an intermediate", len(certs))
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	chains, err := certs[0].Verify(x509.VerifyOptions{DNSName: "www.google.com", Intermediates: inter, CurrentTime: chainTime})
	if err != nil {
		return "", fmt.Errorf("TLS check for https://www.google.com: %w", err)
	}
	path := ""
	for i, c := range chains[0] {
		if i > 0 {
			path += " -> "
		}
		path += c.Subject.CommonName
	}
	return path, nil
}
